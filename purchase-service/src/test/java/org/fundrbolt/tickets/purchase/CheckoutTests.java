package org.fundrbolt.tickets.purchase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class CheckoutTests extends SaleFixture {

    @Test
    void sellsAPurchaseWithNumberedSignedTickets() {
        UUID packageId = packageOnSale("1200.00", 100, null);
        UUID donor = UUID.randomUUID();
        buy(donor, packageId, 2, null, null).then().statusCode(201)
                .body("quantity", equalTo(2)).body("unit_price", equalTo(1200.00f))
                .body("base_price", equalTo(2400.00f))
                .body("discount_amount", equalTo(0.00f)).body("total_price", equalTo(2400.00f))
                .body("donor_id", equalTo(donor.toString())).body("tickets", hasSize(2))
                .body("created_at",
                        org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .body("tickets[0].ticket_number", org.hamcrest.Matchers.matchesPattern("E[0-9A-F]{4}-\\d{6}"));
        given().auth().oauth2(Tokens.donor(donor)).get("/api/v1/me/tickets/purchases").then().statusCode(200)
                .body("purchases", hasSize(1));
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).get("/api/v1/me/tickets/purchases").then()
                .statusCode(200).body("purchases", hasSize(0));
        given().get("/api/v1/tickets/signing-keys").then().statusCode(200).body("keys[0].kid", equalTo("dev-ticket-1"))
                .body("keys[0].kty", equalTo("EC"));
    }

    @Test
    void sellsExactlyTheLimitUnderConcurrency() throws Exception {
        UUID packageId = packageOnSale("50.00", 10, null);
        List<Integer> statuses = concurrently(200, i -> buy(UUID.randomUUID(), packageId, 1, null, null).statusCode());
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(190);
        assertThat(soldCount(packageId)).isEqualTo(10);
        assertThat(purchasedQuantity(packageId)).isEqualTo(10);
    }

    @Test
    void givesTheLastTicketToExactlyOneOfTwoBuyers() throws Exception {
        UUID packageId = packageOnSale("50.00", 10, null);
        buy(UUID.randomUUID(), packageId, 9, null, null).then().statusCode(201);
        List<Integer> statuses = concurrently(2, i -> buy(UUID.randomUUID(), packageId, 1, null, null).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(409).body("code", equalTo("sold_out"));
        assertThat(soldCount(packageId)).isEqualTo(10);
    }

    @Test
    void makesOnePurchaseOfTenConcurrentRepeatsOfOneKey() throws Exception {
        UUID packageId = packageOnSale("10.00", null, null);
        UUID donor = UUID.randomUUID();
        List<String> ids = concurrently(10, i -> {
            Response response = buy(donor, packageId, 1, "key-123", null);
            assertThat(response.statusCode()).isEqualTo(201);
            return response.jsonPath().getString("id");
        });
        assertThat(Set.copyOf(ids)).hasSize(1);
        assertThat(purchasedQuantity(packageId)).isEqualTo(1);
        buy(donor, packageId, 1, "key-123", null).then().statusCode(201).body("id", equalTo(ids.get(0)));
        buy(donor, packageId, 2, "key-123", null).then().statusCode(422).body("code",
                equalTo("idempotency_key_reused"));
        // the key is scoped to the donor: another donor's same key is another purchase
        buy(UUID.randomUUID(), packageId, 1, "key-123", null).then().statusCode(201);
    }

    @Test
    void refusesBadIdempotencyKeys() {
        UUID packageId = packageOnSale("10.00", null, null);
        buy(UUID.randomUUID(), packageId, 1, "x".repeat(201), null).then().statusCode(400)
                .body("code", equalTo("invalid_idempotency_key"));
        buy(UUID.randomUUID(), packageId, 1, "bad\u00e9key", null).then().statusCode(400)
                .body("code", equalTo("invalid_idempotency_key"));
        assertThat(purchasedQuantity(packageId)).isZero();
    }

    @Test
    void checksAnswersAgainstTheOptionsOfThePackage() {
        UUID meal = UUID.randomUUID();
        UUID vegan = UUID.randomUUID();
        UUID note = UUID.randomUUID();
        UUID extras = UUID.randomUUID();
        JsonArray options = new JsonArray()
                .add(CatalogFeed.option(meal, "Meal", "single_select", List.of("Fish", "Beef"), true, 0))
                .add(CatalogFeed.option(vegan, "Vegan", "boolean", null, false, 1))
                .add(CatalogFeed.option(note, "Note", "text_input", null, false, 2))
                .add(CatalogFeed.option(extras, "Extras", "multi_select", List.of("Wine", "Valet"), false, 3));
        UUID packageId = packageOnSale("10.00", null, options);
        UUID donor = UUID.randomUUID();
        buy(donor, packageId, 1, null, new JsonArray()).then().statusCode(422)
                .body("code", equalTo("invalid_option_response"));
        buy(donor, packageId, 1, null, new JsonArray().add(answer(meal, "Pasta"))).then().statusCode(422)
                .body("code", equalTo("invalid_option_response"));
        buy(donor, packageId, 1, null, new JsonArray().add(answer(meal, "Fish")).add(answer(vegan, "yes")))
                .then().statusCode(422);
        buy(donor, packageId, 1, null, new JsonArray().add(answer(meal, "Fish")).add(answer(note, "x".repeat(21))))
                .then().statusCode(422);
        buy(donor, packageId, 1, null, new JsonArray().add(answer(meal, "Fish")).add(answer(UUID.randomUUID(), true)))
                .then().statusCode(422);
        buy(donor, packageId, 1, null, new JsonArray().add(answer(meal, "Fish")).add(answer(meal, "Beef")))
                .then().statusCode(422);
        assertThat(purchasedQuantity(packageId)).isZero();
        buy(donor, packageId, 1, null, new JsonArray().add(answer(meal, "Fish")).add(answer(vegan, true))
                .add(answer(note, "window seat")).add(answer(extras, new JsonArray().add("Wine"))))
                .then().statusCode(201).body("option_responses", hasSize(4))
                .body("option_responses[0].label", equalTo("Meal")).body("option_responses[0].value", equalTo("Fish"));
    }

    @Test
    void answersPackageNotFoundForUnknownOrOtherEventsPackages() {
        UUID packageId = packageOnSale("10.00", null, null);
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json")
                .body(new JsonObject().put("package_id", packageId.toString()).put("quantity", 1).encode())
                .post("/api/v1/events/" + UUID.randomUUID() + "/tickets/purchase")
                .then().statusCode(404).body("code", equalTo("package_not_found"));
        buy(UUID.randomUUID(), UUID.randomUUID(), 1, null, null).then().statusCode(404)
                .body("code", equalTo("package_not_found"));
    }

    @Test
    void refusesBadBodiesWithProblems() {
        UUID packageId = packageOnSale("10.00", null, null);
        buy(UUID.randomUUID(), packageId, 0, null, null).then().statusCode(422).body("code",
                equalTo("validation_failed"));
        buy(UUID.randomUUID(), packageId, 101, null, null).then().statusCode(422);
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json")
                .body("{\"package_id\":\"" + packageId + "\",\"quantity\":\"1\"}")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json")
                .body("{\"package_id\":\"" + packageId + "\",\"quantity\":1,\"color\":\"red\"}")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(400)
                .body("code", equalTo("unknown_field"));
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json").body("{\"package_id\":")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("text/plain").body("hello")
                .post("/api/v1/events/" + event + "/tickets/purchase").then().statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
        assertThat(purchasedQuantity(packageId)).isZero();
    }

    @Test
    void answersDependencyUnavailableWhenPromoIsDownAndConsumesNothing() {
        UUID packageId = packageOnSale("10.00", 5, null);
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json")
                .body(new JsonObject().put("package_id", packageId.toString()).put("quantity", 1)
                        .put("promo_code", "GALA20").encode())
                .post("/api/v1/events/" + event + "/tickets/purchase")
                .then().statusCode(503).body("code", equalTo("dependency_unavailable"));
        assertThat(soldCount(packageId)).isZero();
    }

    @Test
    void publishesOneSaleEventPerPurchase() {
        UUID packageId = packageOnSale("25.00", null, null);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", "127.0.0.1:9092",
                "group.id", "purchase-tests-" + UUID.randomUUID(), "enable.auto.commit", "false",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            // Start from the end of the topic: only this test's sale matters.
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor("purchase.sales").stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition("purchase.sales", info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            String purchaseId = buy(UUID.randomUUID(), packageId, 3, null, null).then().statusCode(201).extract()
                    .path("id");
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonObject sale;
                    try {
                        sale = new JsonObject(record.value());
                    } catch (RuntimeException notJson) {
                        continue; // the topic is shared: other tests send poison records on purpose
                    }
                    if (purchaseId.equals(sale.getString("purchase_id"))) {
                        assertThat(record.key()).isEqualTo(packageId.toString());
                        assertThat(sale.getString("event_type")).isEqualTo("ticket_sold");
                        assertThat(sale.getInteger("quantity")).isEqualTo(3);
                        assertThat(sale.getInteger("tickets")).isEqualTo(3);
                        assertThat(sale.getInteger("sold_count_after")).isEqualTo(3);
                        assertThat(sale.getValue("total_price").toString()).isEqualTo("75.00");
                        // The package's cumulative figures after the sale (ARCHITECTURE.md, Events).
                        assertThat(sale.getValue("revenue_after").toString()).isEqualTo("75.00");
                        assertThat(sale.getLong("tickets_after")).isEqualTo(3L);
                        assertThat(sale.getString("message_id")).isNotBlank();
                        return;
                    }
                }
            }
            throw new AssertionError("no purchase.sales event for " + purchaseId);
        }
    }

    @Test
    void refusesToLowerTheLimitBelowWhatIsSold() {
        UUID packageId = packageOnSale("10.00", 10, null);
        buy(UUID.randomUUID(), packageId, 4, null, null).then().statusCode(201);
        String service = Tokens.token(UUID.randomUUID(), Set.of("service"), List.of());
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("event_id", event.toString(), "quantity_limit", 3, "catalog_version", 2))
                .put("/internal/v1/inventory/" + packageId + "/limit").then().statusCode(409)
                .body("code", equalTo("quantity_below_sold"));
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("event_id", event.toString(), "quantity_limit", 4, "catalog_version", 2))
                .put("/internal/v1/inventory/" + packageId + "/limit").then().statusCode(200)
                .body("sold_count", equalTo(4));
        buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(409).body("code", equalTo("sold_out"));
        given().auth().oauth2(Tokens.donor(UUID.randomUUID())).contentType("application/json")
                .body(Map.of("event_id", event.toString(), "catalog_version", 3))
                .post("/internal/v1/inventory/" + packageId + "/retire").then().statusCode(403);
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("event_id", event.toString(), "catalog_version", 3))
                .post("/internal/v1/inventory/" + packageId + "/retire").then().statusCode(200)
                .body("sold_count", equalTo(4));
        buy(UUID.randomUUID(), packageId, 1, null, null).then().statusCode(404).body("code",
                equalTo("package_not_found"));
    }
}
