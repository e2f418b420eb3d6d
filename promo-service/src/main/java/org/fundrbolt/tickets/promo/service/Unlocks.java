package org.fundrbolt.tickets.promo.service;

import java.util.List;
import java.util.UUID;

/** Answer of the unlock call: the code (upper-case when well-formed, else as sent) and the packages it unlocks. */
public record Unlocks(String code, List<UUID> packageIds) {
}
