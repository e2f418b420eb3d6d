package org.fundrbolt.tickets.catalog;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** display_order is 0 to 100000 on packages and options, and "goes last" never leaves that range. */
@QuarkusTest
class DisplayOrderTests {

    private static final int MAX = 100_000;

    private final Api api = new Api();

    @Inject
    Pool pool;

    @Test
    void refusesAPackageDisplayOrderOutOfRangeAndWritesNothing() {
        for (int order : new int[]{Integer.MAX_VALUE, MAX + 1, -1}) {
            assertOutOfRange(api.as().body(Map.of("name", "Gala", "price", 10, "display_order", order))
                    .post(api.packages()).then());
        }
        api.as().get(api.packages()).then().statusCode(200).body("packages", empty());
        UUID edge = api.create(Map.of("name", "Edge", "price", 10, "display_order", MAX));
        UUID next = api.create("Next", "10");
        api.as().get(api.pkg(next)).then().body("display_order", equalTo(MAX));
        api.as().get(api.packages()).then().body("packages.id", contains(edge.toString(), next.toString()));
    }

    @Test
    void refusesAPatchedDisplayOrderOutOfRangeAndChangesNothing() {
        UUID id = api.create("Gala", "10");
        for (int order : new int[]{Integer.MAX_VALUE, MAX + 1}) {
            assertOutOfRange(api.as().body(Map.of("display_order", order)).patch(api.pkg(id)).then());
        }
        api.as().get(api.pkg(id)).then().body("display_order", equalTo(0)).body("version", equalTo(1));
        api.as().body(Map.of("display_order", MAX)).patch(api.pkg(id)).then().statusCode(200)
                .body("display_order", equalTo(MAX));
    }

    @Test
    void placesANewPackageLastEvenAfterAnOrderBeyondTheRange() {
        // A row from before the bound: "max + 1" must neither overflow the column nor leave the range.
        UUID old = api.create("Old", "10");
        sql("UPDATE ticket_packages SET display_order = 2147483647 WHERE id = $1", old);
        UUID next = api.create("Next", "10");
        api.as().get(api.pkg(next)).then().statusCode(200).body("display_order", equalTo(MAX));
    }

    @Test
    void refusesAnOptionDisplayOrderOutOfRangeAndWritesNothing() {
        UUID id = api.create("Gala", "10");
        for (int order : new int[]{Integer.MAX_VALUE, MAX + 1, -1}) {
            assertOutOfRange(api.as().body(Map.of("label", "Vegan?", "option_type", "boolean", "display_order", order))
                    .post(api.options(id)).then());
        }
        api.as().get(api.options(id)).then().statusCode(200).body("options", empty());
        api.as().get(api.pkg(id)).then().body("version", equalTo(1));
        String edge = api.as().body(Map.of("label", "Edge", "option_type", "boolean", "display_order", MAX))
                .post(api.options(id)).then().statusCode(201).extract().path("id");
        api.as().body(Map.of("label", "Next", "option_type", "boolean")).post(api.options(id)).then()
                .statusCode(201).body("display_order", equalTo(MAX));
        assertOutOfRange(api.as().body(Map.of("display_order", Integer.MAX_VALUE))
                .patch(api.options(id) + "/" + edge).then());
        api.as().get(api.options(id)).then().body("options.label", contains("Edge", "Next"))
                .body("options.display_order", contains(MAX, MAX));
    }

    @Test
    void placesANewOptionLastEvenAfterAnOrderBeyondTheRange() {
        UUID id = api.create("Gala", "10");
        String old = api.as().body(Map.of("label", "Old", "option_type", "boolean")).post(api.options(id)).then()
                .statusCode(201).extract().path("id");
        sql("UPDATE custom_ticket_options SET display_order = 2147483647 WHERE id = $1", UUID.fromString(old));
        api.as().body(Map.of("label", "Next", "option_type", "text_input")).post(api.options(id)).then()
                .statusCode(201).body("display_order", equalTo(MAX));
    }

    private static void assertOutOfRange(ValidatableResponse response) {
        response.statusCode(422).contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("display_order"));
    }

    private void sql(String statement, UUID id) {
        pool.preparedQuery(statement).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5));
    }
}
