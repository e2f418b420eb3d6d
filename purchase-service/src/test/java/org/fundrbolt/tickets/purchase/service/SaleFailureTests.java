package org.fundrbolt.tickets.purchase.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.fundrbolt.tickets.platform.problem.DomainException;
import org.fundrbolt.tickets.purchase.repository.SaleRepository;
import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

class SaleFailureTests {

    private static PgException uniqueViolation(String index) {
        return new PgException("duplicate key", "ERROR", "23505", null, null, null, null, null, null, null, null,
                null, "public", "purchases", null, null, index);
    }

    @Test
    void answersAStoredPurchaseOnlyForTheKeyOrTheKeyedPurchaseId() {
        assertThat(SaleBatcher.isKeyTaken(uniqueViolation(SaleRepository.IDEMPOTENCY_KEY_INDEX))).isTrue();
        // A keyed purchase's id is derived from (donor, key): the same id is the same purchase.
        assertThat(SaleBatcher.isKeyTaken(uniqueViolation(SaleRepository.PURCHASE_ID_INDEX))).isTrue();
        // Another unique index (a ticket number, a ticket id) is no key clash: never looked up as a stored purchase.
        assertThat(SaleBatcher.isKeyTaken(uniqueViolation("uq_tickets_event_number"))).isFalse();
        assertThat(SaleBatcher.isKeyTaken(uniqueViolation("pk_tickets"))).isFalse();
    }

    @Test
    void aKeyedPurchaseHasOneIdPerDonorAndKey() {
        UUID donor = UUID.randomUUID();
        UUID first = Idempotency.purchaseId(new Idempotency.Key(donor, "key-1", "a"));
        assertThat(Idempotency.purchaseId(new Idempotency.Key(donor, "key-1", "b"))).isEqualTo(first);
        assertThat(Idempotency.purchaseId(new Idempotency.Key(donor, "key-2", "a"))).isNotEqualTo(first);
        assertThat(Idempotency.purchaseId(new Idempotency.Key(UUID.randomUUID(), "key-1", "a"))).isNotEqualTo(first);
        assertThat(Idempotency.purchaseId(new Idempotency.Key(donor, null, "a")))
                .isNotEqualTo(Idempotency.purchaseId(new Idempotency.Key(donor, null, "a")));
    }

    @Test
    void aSaleThatMayExistIsAServiceUnavailableThatSaysSo() {
        DomainException keyed = PurchaseService
                .saleMayExist(new Idempotency.Key(UUID.randomUUID(), "key-1", "fingerprint"));
        assertThat(keyed.status()).isEqualTo(503);
        assertThat(keyed.code()).isEqualTo("dependency_unavailable");
        assertThat(keyed.getMessage()).contains("may have been recorded").contains("same Idempotency-Key")
                .doesNotContain("nothing was changed");
        DomainException unkeyed = PurchaseService.saleMayExist(new Idempotency.Key(UUID.randomUUID(), null, "f"));
        assertThat(unkeyed.status()).isEqualTo(503);
        assertThat(unkeyed.getMessage()).contains("Check your tickets");
    }
}
