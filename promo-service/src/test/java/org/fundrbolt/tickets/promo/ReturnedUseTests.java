package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fundrbolt.tickets.promo.PromoFixtures.allAtOnce;
import static org.fundrbolt.tickets.promo.PromoFixtures.applicationStatus;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.currentUses;
import static org.fundrbolt.tickets.promo.PromoFixtures.redeem;
import static org.fundrbolt.tickets.promo.PromoFixtures.serviceToken;
import static org.fundrbolt.tickets.promo.PromoFixtures.validate;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Eventually;
import org.fundrbolt.tickets.platform.testing.Kafka;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.fundrbolt.tickets.promo.service.Reconciler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A fully cancelled purchase gives its promo use back (API.md, "Order lifecycle"), by event and by call. */
@QuarkusTest
@QuarkusTestResource(FakePurchase.class)
class ReturnedUseTests {

    private static final String MARKER = "MARKER";

    @Inject
    Pool pool;

    @Inject
    Reconciler reconciler;

    private final UUID event = UUID.randomUUID();
    private final UUID pkg = UUID.randomUUID();

    @BeforeEach
    void markerCode() {
        createCode(event, Map.of("code", MARKER, "discount_type", "fixed_amount", "discount_value", 1));
    }

    /** A ticket_sold as purchase-service publishes it, with fields promo-service does not read. */
    private String sold(UUID purchase, UUID promo, UUID donor) {
        return "{\"message_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"ticket_sold\",\"purchase_id\":\""
                + purchase + "\",\"event_id\":\"" + event + "\",\"package_id\":\"" + pkg + "\",\"quantity\":1,"
                + "\"tickets\":1,\"total_price\":15.00,\"donation_amount\":0.00,\"promo_id\":" + quoted(promo)
                + ",\"donor_id\":" + quoted(donor) + ",\"sold_count_after\":1,\"inventory_version\":1,"
                + "\"revenue_after\":15.00,\"tickets_after\":1,\"refunded_after\":0.00,\"donations_after\":0.00,"
                + "\"cancelled_tickets_after\":0,\"occurred_at\":\"2026-11-24T10:15:30.123Z\"}";
    }

    /** A tickets_cancelled of the purchase; {@code whole} when it cancels the purchase's last valid ticket. */
    private String cancelled(UUID purchase, UUID promo, UUID donor, boolean whole) {
        return "{\"message_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"tickets_cancelled\",\"purchase_id\":\""
                + purchase + "\",\"cancellation_id\":\"" + UUID.randomUUID() + "\",\"event_id\":\"" + event
                + "\",\"package_id\":\"" + pkg + "\",\"tickets_cancelled\":1,\"packages_returned\":" + (whole ? 1 : 0)
                + ",\"refund_amount\":15.00,\"purchase_cancelled\":" + whole + ",\"promo_id\":" + quoted(promo)
                + ",\"donor_id\":" + quoted(donor) + ",\"sold_count_after\":0,\"inventory_version\":2,"
                + "\"revenue_after\":0.00,\"tickets_after\":0,\"refunded_after\":15.00,\"donations_after\":0.00,"
                + "\"cancelled_tickets_after\":1,\"occurred_at\":\"2026-11-24T11:15:30.123Z\"}";
    }

    private static String quoted(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }

    private void send(String json) {
        Kafka.send("purchase.sales", pkg.toString(), json);
    }

    private void awaitStatus(UUID purchase, String status) {
        Eventually.value(() -> applicationStatus(pool, purchase), status::equals, Duration.ofSeconds(60));
    }

    /** Redeems a code for the purchase and confirms it by its ticket_sold, as a checkout does. */
    private void sell(UUID purchase, UUID donor, String code, UUID promo) {
        redeem(event, purchase, donor, code, pkg, "20.00").statusCode(201);
        send(sold(purchase, promo, donor));
        awaitStatus(purchase, "confirmed");
    }

    /** Waits until every event sent before on the package's partition is processed: a sale behind them is. */
    private void awaitEverythingSentBefore() {
        UUID marker = UUID.randomUUID();
        redeem(event, marker, UUID.randomUUID(), MARKER, pkg, "10.00").statusCode(201);
        send(sold(marker, null, null));
        awaitStatus(marker, "confirmed");
    }

    private static ValidatableResponse returnUse(Object purchase) {
        return given().auth().oauth2(serviceToken()).post("/internal/v1/redemptions/" + purchase + "/return").then();
    }

    /** Uses of the code that count toward its limits, from the ledger itself. */
    private long countedApplications(UUID promo) {
        return PromoFixtures.count(pool, "SELECT count(*) FROM promo_code_applications WHERE promo_id = $1 "
                + "AND status IN ('redeemed', 'confirmed')", promo);
    }

    private void confirmDirectly(UUID purchase) {
        pool.preparedQuery("UPDATE promo_code_applications SET status = 'confirmed' WHERE purchase_id = $1")
                .execute(Tuple.of(purchase)).await().indefinitely();
    }

    @Test
    void aFullCancellationReturnsTheUseSoTheDonorMayUseAOncePerDonorCodeAgain() {
        UUID promo = createCode(event, Map.of("code", "ONCE", "discount_type", "fixed_amount", "discount_value", 5,
                "max_uses_per_donor", 1));
        UUID donor = UUID.randomUUID();
        UUID purchase = UUID.randomUUID();
        sell(purchase, donor, "ONCE", promo);
        validate(event, donor, "ONCE", null, null).statusCode(409).body("code", equalTo("promo_code_exhausted"));
        redeem(event, UUID.randomUUID(), donor, "ONCE", pkg, "20.00").statusCode(409);

        send(cancelled(purchase, promo, donor, true));
        awaitStatus(purchase, "returned");

        assertThat(currentUses(pool, promo)).isZero();
        validate(event, donor, "ONCE", null, null).statusCode(200).body("valid", equalTo(true));
        given().auth().oauth2(Tokens.coordinator(event)).get(PromoFixtures.adminPath(event) + "/" + promo).then()
                .statusCode(200).body("current_uses", equalTo(0));
        sell(UUID.randomUUID(), donor, "ONCE", promo);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        // The new use counts toward the donor's limit like any other.
        redeem(event, UUID.randomUUID(), donor, "ONCE", pkg, "20.00").statusCode(409);
    }

    @Test
    void aPartialCancellationKeepsTheUse() {
        UUID promo = createCode(event, Map.of("code", "PART", "discount_type", "fixed_amount", "discount_value", 5,
                "max_uses_per_donor", 1));
        UUID donor = UUID.randomUUID();
        UUID purchase = UUID.randomUUID();
        sell(purchase, donor, "PART", promo);

        send(cancelled(purchase, promo, donor, false));
        awaitEverythingSentBefore();

        assertThat(applicationStatus(pool, purchase)).isEqualTo("confirmed");
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        validate(event, donor, "PART", null, null).statusCode(409);
        // The cancellation of the rest cancels the purchase: then the use comes back.
        send(cancelled(purchase, promo, donor, true));
        awaitStatus(purchase, "returned");
        assertThat(currentUses(pool, promo)).isZero();
    }

    @Test
    void aRepeatedCancellationEventAndTheCallReturnTheUseOnce() throws Exception {
        UUID promo = createCode(event, Map.of("code", "TWICE", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 5));
        UUID donor = UUID.randomUUID();
        UUID purchase = UUID.randomUUID();
        sell(purchase, donor, "TWICE", promo);
        sell(UUID.randomUUID(), UUID.randomUUID(), "TWICE", promo); // another sale's use, which must stay counted

        List<Supplier<ValidatableResponse>> repeats = Collections.nCopies(8, () -> returnUse(purchase));
        assertThat(allAtOnce(repeats)).extracting(Response::statusCode).containsOnly(204);
        returnUse(purchase).statusCode(204);
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        assertThat(applicationStatus(pool, purchase)).isEqualTo("returned");
        String cancellation = cancelled(purchase, promo, donor, true);
        send(cancellation);
        send(cancellation);
        awaitEverythingSentBefore();

        assertThat(currentUses(pool, promo)).isEqualTo(1);
        assertThat(countedApplications(promo)).isEqualTo(1);
        returnUse(UUID.randomUUID()).statusCode(204); // no application: nothing to return
        returnUse("not-a-uuid").statusCode(404).body("code", equalTo("purchase_not_found"));
    }

    @Test
    void aReturnBeforeItsSaleEventIsNeverCountedAgainNorSettledByReconciliation() {
        UUID promo = createCode(event, Map.of("code", "EARLY", "discount_type", "fixed_amount", "discount_value", 5,
                "max_total_uses", 2));
        UUID donor = UUID.randomUUID();
        UUID redeemed = UUID.randomUUID(); // ticket_sold still in the relay when the cancellation is published
        redeem(event, redeemed, donor, "EARLY", pkg, "20.00").statusCode(201);
        UUID released = UUID.randomUUID(); // released meanwhile (as reconciliation would during a long outage)
        redeem(event, released, donor, "EARLY", pkg, "20.00").statusCode(201);
        given().auth().oauth2(serviceToken()).delete("/internal/v1/redemptions/" + released).then().statusCode(204);
        assertThat(currentUses(pool, promo)).isEqualTo(1);

        for (UUID purchase : List.of(redeemed, released)) {
            send(cancelled(purchase, promo, donor, true));
            send(sold(purchase, promo, donor));
        }
        awaitEverythingSentBefore();

        assertThat(applicationStatus(pool, redeemed)).isEqualTo("returned");
        assertThat(applicationStatus(pool, released)).isEqualTo("returned");
        assertThat(currentUses(pool, promo)).as("the late confirmations count nothing").isZero();

        FakePurchase.mark("committed", redeemed);
        pool.preparedQuery("UPDATE promo_code_applications SET created_at = now() - interval '6 minutes' "
                + "WHERE purchase_id = ANY($1)").execute(Tuple.of(new UUID[]{redeemed, released}))
                .await().indefinitely();
        reconciler.settle(Duration.ofMinutes(5)).await().indefinitely();
        assertThat(applicationStatus(pool, redeemed)).isEqualTo("returned");
        assertThat(applicationStatus(pool, released)).isEqualTo("returned");
        assertThat(currentUses(pool, promo)).isZero();
        // Both uses are free, and the limit still holds.
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "EARLY", pkg, "20.00").statusCode(201);
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "EARLY", pkg, "20.00").statusCode(201);
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "EARLY", pkg, "20.00").statusCode(409);
        assertThat(currentUses(pool, promo)).isEqualTo(2);
    }

    @Test
    void aReturnRacingARedeemOfTheLastUseNeverCountsBoth() throws Exception {
        int redeemedAfterTheReturn = 0;
        for (int round = 0; round < 40; round++) {
            String code = "RACE" + round;
            UUID promo = createCode(event, Map.of("code", code, "discount_type", "fixed_amount", "discount_value", 5,
                    "max_total_uses", 1));
            UUID first = UUID.randomUUID();
            redeem(event, first, UUID.randomUUID(), code, pkg, "20.00").statusCode(201);
            confirmDirectly(first);
            UUID second = UUID.randomUUID();
            List<Supplier<ValidatableResponse>> racing = List.of(() -> returnUse(first),
                    () -> redeem(event, second, UUID.randomUUID(), code, pkg, "20.00"));

            List<Response> answers = allAtOnce(racing);

            assertThat(answers.get(0).statusCode()).isEqualTo(204);
            int redeemed = answers.get(1).statusCode();
            assertThat(redeemed).as("round " + round).isIn(201, 409);
            assertThat(applicationStatus(pool, first)).isEqualTo("returned");
            int uses = currentUses(pool, promo);
            assertThat(uses).as("round " + round).isEqualTo(redeemed == 201 ? 1 : 0);
            assertThat(countedApplications(promo)).as("round " + round).isEqualTo(uses);
            if (redeemed == 201) {
                redeemedAfterTheReturn++;
            } else {
                // Refused before the return committed: the use given back is there for the next buyer.
                redeem(event, UUID.randomUUID(), UUID.randomUUID(), code, pkg, "20.00").statusCode(201);
            }
            redeem(event, UUID.randomUUID(), UUID.randomUUID(), code, pkg, "20.00").statusCode(409);
            assertThat(currentUses(pool, promo)).isEqualTo(1);
        }
        System.out.printf("return vs redeem: the redeem won the freed use in %d of 40 rounds%n",
                redeemedAfterTheReturn);
    }

    @Test
    void aDonorsReturnRacingTheirOwnRedeemNeverCountsTwoUses() throws Exception {
        for (int round = 0; round < 30; round++) {
            String code = "MINE" + round;
            UUID promo = createCode(event, Map.of("code", code, "discount_type", "fixed_amount", "discount_value", 5,
                    "max_uses_per_donor", 1));
            UUID donor = UUID.randomUUID();
            UUID first = UUID.randomUUID();
            redeem(event, first, donor, code, pkg, "20.00").statusCode(201);
            confirmDirectly(first);
            UUID second = UUID.randomUUID();
            List<Supplier<ValidatableResponse>> racing = List.of(() -> returnUse(first),
                    () -> redeem(event, second, donor, code, pkg, "20.00"));

            List<Response> answers = allAtOnce(racing);

            assertThat(answers.get(0).statusCode()).isEqualTo(204);
            int redeemed = answers.get(1).statusCode();
            assertThat(redeemed).as("round " + round).isIn(201, 409);
            int uses = currentUses(pool, promo);
            assertThat(uses).as("round " + round).isEqualTo(redeemed == 201 ? 1 : 0);
            assertThat(countedApplications(promo)).as("round " + round).isEqualTo(uses);
            if (redeemed == 409) {
                redeem(event, UUID.randomUUID(), donor, code, pkg, "20.00").statusCode(201);
            }
            redeem(event, UUID.randomUUID(), donor, code, pkg, "20.00").statusCode(409);
            assertThat(currentUses(pool, promo)).isEqualTo(1);
        }
    }
}
