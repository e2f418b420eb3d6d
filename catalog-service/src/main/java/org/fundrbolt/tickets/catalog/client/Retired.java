package org.fundrbolt.tickets.catalog.client;

/**
 * What retiring a package found in purchase-service: its sold count now, and whether it was ever sold (cancellations
 * lower the count, so 0 does not mean never sold; only a package never sold is deleted for good).
 */
public record Retired(int soldCount, boolean everSold) {
}
