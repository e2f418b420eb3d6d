package org.fundrbolt.tickets.catalog.domain;

/**
 * Where a package sits among its event's packages, or an option among its package's options: 0 to
 * {@value #MAX}. The bound keeps "goes last" (the highest order + 1) inside the column's integer range.
 */
public final class DisplayOrder {

    public static final int MAX = 100_000;
    public static final String RULE = "must be 0 to " + MAX;

    private DisplayOrder() {
    }

    public static boolean valid(int order) {
        return order >= 0 && order <= MAX;
    }

    /**
     * The order of a new last entry after {@code highest} (null when there is none): one more, but never past
     * {@value #MAX}, where entries of equal order stay in creation order.
     */
    public static int after(Integer highest) {
        return highest == null ? 0 : (int) Math.min(highest + 1L, MAX);
    }
}
