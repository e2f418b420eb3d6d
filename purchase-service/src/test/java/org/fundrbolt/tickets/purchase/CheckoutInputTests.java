package org.fundrbolt.tickets.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/** Checkout bodies and headers that are broken in ways a client can send: a 4xx with its code, nothing written. */
@QuarkusTest
class CheckoutInputTests extends SaleFixture {

    private final UUID meal = UUID.randomUUID();
    private final UUID extras = UUID.randomUUID();

    private UUID packageWithOptions() {
        return packageOnSale("10.00", 5, new JsonArray()
                .add(CatalogFeed.option(meal, "Meal", "single_select", List.of("Fish", "Beef"), false, 0))
                .add(CatalogFeed.option(extras, "Extras", "multi_select", List.of("Wine", "Valet", "Coat"), false,
                        1)));
    }

    @Test
    void refusesNullOrIncompleteOptionResponsesWithoutWriting() {
        UUID packageId = packageWithOptions();
        UUID donor = UUID.randomUUID();
        List<Object> broken = List.of(
                new JsonArray().addNull(),
                new JsonArray().add(answer(meal, "Fish")).addNull(),
                new JsonArray().add(new JsonObject().put("value", "Fish")),
                new JsonArray().add(new JsonObject().put("option_id", null).put("value", "Fish")),
                new JsonArray().add(new JsonObject().put("option_id", meal.toString())),
                new JsonArray().add(new JsonObject().put("option_id", meal.toString()).putNull("value")));
        for (Object options : broken) {
            for (String key : new String[]{null, "broken-" + UUID.randomUUID()}) {
                assertInvalidOptionResponse(buy(donor, packageId, 1, key, options));
            }
        }
        assertNothingSold(packageId);
        // The package is checked before the answers (API.md, Checkout): an unknown one is still a 404.
        buy(donor, UUID.randomUUID(), 1, null, new JsonArray().addNull()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("package_not_found"));
        // A package without questions refuses a null answer just the same.
        UUID plain = packageOnSale("10.00", 5, null);
        assertInvalidOptionResponse(buy(donor, plain, 1, null, new JsonArray().addNull()));
        assertNothingSold(plain);
    }

    @Test
    void repeatsThePurchaseWhateverTheOrderOfAnswersAndChoices() {
        UUID packageId = packageWithOptions();
        UUID donor = UUID.randomUUID();
        String key = "order-" + UUID.randomUUID();
        String first = buy(donor, packageId, 2, key, new JsonArray()
                .add(answer(extras, new JsonArray().add("Valet").add("Wine"))).add(answer(meal, "Fish")))
                .then().statusCode(201).extract().path("id");
        buy(donor, packageId, 2, key, new JsonArray()
                .add(answer(meal, "Fish")).add(answer(extras, new JsonArray().add("Wine").add("Valet"))))
                .then().statusCode(201).body("id", equalTo(first));
        assertThat(purchases(packageId)).isEqualTo(1);
        assertThat(soldCount(packageId)).isEqualTo(2);
        // Another set of choices is another purchase, whatever its order.
        buy(donor, packageId, 2, key, new JsonArray()
                .add(answer(meal, "Fish")).add(answer(extras, new JsonArray().add("Wine").add("Coat"))))
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency_key_reused"));
        assertThat(purchases(packageId)).isEqualTo(1);
    }

    @Test
    void refusesAnEmptyOrBlankIdempotencyKey() {
        UUID packageId = packageOnSale("10.00", 5, null);
        for (String key : new String[]{"", " ", "   "}) {
            buy(UUID.randomUUID(), packageId, 1, key, null).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("invalid_idempotency_key"));
        }
        assertNothingSold(packageId);
        // Inner spaces and commas are printable ASCII, so these are keys.
        buy(UUID.randomUUID(), packageId, 1, "a key", null).then().statusCode(201);
        buy(UUID.randomUUID(), packageId, 1, "a,b", null).then().statusCode(201);
    }

    private static void assertInvalidOptionResponse(Response response) {
        response.then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("invalid_option_response")).body("errors", not(empty()));
    }

    private void assertNothingSold(UUID packageId) {
        assertThat(purchases(packageId)).isZero();
        assertThat(soldCount(packageId)).isZero();
    }

    long purchases(UUID packageId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM purchases WHERE package_id = $1")
                .execute(Tuple.of(packageId)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }
}
