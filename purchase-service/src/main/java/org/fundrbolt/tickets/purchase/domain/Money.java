package org.fundrbolt.tickets.purchase.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money rules of API.md: BigDecimal, two decimals, HALF_UP. */
public final class Money {

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    /** The largest gift a checkout or an order may add (API.md, "Order lifecycle"). */
    public static final BigDecimal MAX_DONATION = new BigDecimal("100000.00");

    private Money() {
    }

    public static BigDecimal of(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal times(BigDecimal unit, int quantity) {
        return of(unit.multiply(BigDecimal.valueOf(quantity)));
    }

    /** Whether a sent amount is money as API.md writes it: not negative, at most two decimals. */
    public static boolean isAmount(BigDecimal value) {
        return value != null && value.signum() >= 0 && value.stripTrailingZeros().scale() <= 2;
    }

    /**
     * API.md, "Order lifecycle": {@code max(0, base − discount − refunded − fmv_per_seat × valid_seats) + donation}
     * when the package states its fair market value ({@code fmv_per_seat × valid_seats} computed as
     * {@code fair_market_value × valid_seats / seats_per_package}, rounded HALF_UP once); without it the donation
     * if above 0, else null. A complimentary purchase is 0.00.
     */
    public static BigDecimal taxDeductible(BigDecimal ticketPart, BigDecimal refunded, BigDecimal donation,
            BigDecimal fairMarketValue, int validSeats, int seatsPerPackage, boolean complimentary) {
        if (complimentary) {
            return ZERO;
        }
        if (fairMarketValue == null) {
            return donation.signum() > 0 ? of(donation) : null;
        }
        BigDecimal benefit = fairMarketValue.multiply(BigDecimal.valueOf(validSeats))
                .divide(BigDecimal.valueOf(seatsPerPackage), 2, RoundingMode.HALF_UP);
        return of(ticketPart.subtract(refunded).subtract(benefit).max(BigDecimal.ZERO).add(donation));
    }

    /** What a purchase may still refund: its ticket part less what was refunded (a gift is never refunded). */
    public static BigDecimal refundable(BigDecimal ticketPart, BigDecimal refunded) {
        return of(ticketPart.subtract(refunded).max(BigDecimal.ZERO));
    }

    /**
     * The default refund of a cancellation (API.md): pro rata, {@code ticketPart × cancelledNow / totalSeats}
     * HALF_UP, never more than what is left; the cancellation of the last valid ticket refunds exactly what is left.
     */
    public static BigDecimal proRataRefund(BigDecimal ticketPart, BigDecimal refunded, int cancelledNow,
            int cancelledAfter, int totalSeats) {
        BigDecimal left = refundable(ticketPart, refunded);
        if (cancelledAfter >= totalSeats) {
            return left;
        }
        BigDecimal share = ticketPart.multiply(BigDecimal.valueOf(cancelledNow))
                .divide(BigDecimal.valueOf(totalSeats), 2, RoundingMode.HALF_UP);
        return share.min(left);
    }
}
