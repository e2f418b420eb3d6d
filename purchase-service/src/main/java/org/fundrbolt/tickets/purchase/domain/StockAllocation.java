package org.fundrbolt.tickets.purchase.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Who of a batch of buyers of one package gets stock: first come, first served; a buyer who wants more
 * than is left is refused, and a later, smaller one may still fit.
 */
public record StockAllocation(List<Boolean> fits, int claimed) {

    public StockAllocation {
        fits = List.copyOf(fits);
    }

    /** Decides for {@code quantities} in arrival order; a null limit is unlimited. */
    public static StockAllocation decide(Integer quantityLimit, int soldCount, List<Integer> quantities) {
        long remaining = quantityLimit == null ? Long.MAX_VALUE : (long) quantityLimit - soldCount;
        List<Boolean> fits = new ArrayList<>(quantities.size());
        int claimed = 0;
        for (int quantity : quantities) {
            boolean fit = quantity <= remaining;
            fits.add(fit);
            if (fit) {
                remaining -= quantity;
                claimed += quantity;
            }
        }
        return new StockAllocation(fits, claimed);
    }

    public boolean fits(int index) {
        return fits.get(index);
    }

    /** How many buyers fit (each is one sale, so one version bump). */
    public int buyers() {
        return (int) fits.stream().filter(fit -> fit).count();
    }

    /** The entries of {@code requests} (the list the decision was made for) that fit, in order. */
    public <T> List<T> fitting(List<T> requests) {
        List<T> fitting = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (fits(i)) {
                fitting.add(requests.get(i));
            }
        }
        return fitting;
    }

    public boolean isEmpty() {
        return buyers() == 0;
    }
}
