package org.fundrbolt.tickets.purchase.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The printed ticket number: E, the event id's first four hex digits, then six digits of ticket_number_seq. */
class TicketIssuerTests {

    @Test
    void numbersTicketsWithTheEventPrefixAndAZeroPaddedSequence() {
        UUID event = UUID.fromString("6f1cab12-0000-4000-8000-000000000000");
        assertThat(TicketIssuer.ticketNumber(event, 42)).isEqualTo("E6F1C-000042");
        assertThat(TicketIssuer.ticketNumber(event, 1_234_567)).isEqualTo("E6F1C-1234567");
    }
}
