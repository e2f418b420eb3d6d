package org.fundrbolt.tickets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class OptionContractTests {

    private final Api api = new Api();

    @Inject
    Pool pool;

    private String createOption(UUID packageId, Map<String, Object> body) {
        return api.as().body(body).post(api.options(packageId)).then().statusCode(201).extract().path("id");
    }

    @Test
    void createsOptionsOfEveryTypeWithDefaultsAndBumpsThePackage() {
        UUID id = api.create("Gala", "100");
        api.as().body(Map.of("label", "Meal", "option_type", "single_select", "choices", List.of("Fish", "Veg")))
                .post(api.options(id)).then().statusCode(201).body("package_id", equalTo(id.toString()))
                .body("label", equalTo("Meal")).body("choices", contains("Fish", "Veg"))
                .body("is_required", equalTo(false))
                .body("display_order", equalTo(0)).body("max_length", nullValue());
        api.as().body(Map.of("label", "Name on badge", "option_type", "text_input", "is_required", true))
                .post(api.options(id)).then().statusCode(201).body("max_length", equalTo(500))
                .body("choices", nullValue()).body("display_order", equalTo(1));
        createOption(id, Map.of("label", "Vegan?", "option_type", "boolean"));
        createOption(id, Map.of("label", "Extras", "option_type", "multi_select", "choices", List.of("A", "B", "C")));
        api.as().get(api.options(id)).then().statusCode(200)
                .body("options.label", contains("Meal", "Name on badge", "Vegan?", "Extras"));
        api.as().get(api.pkg(id)).then().body("version", equalTo(5)).body("custom_options.size()", equalTo(4));
    }

    @Test
    void refusesOptionsThatBreakTheRules() {
        UUID id = api.create("Gala", "100");
        record Case(Map<String, Object> body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("label", "Meal", "option_type", "single_select"), "choices"),
                new Case(Map.of("label", "Meal", "option_type", "single_select", "choices", List.of("Fish")),
                        "choices"),
                new Case(Map.of("label", "Meal", "option_type", "multi_select", "choices", List.of("A", "A")),
                        "choices"),
                new Case(Map.of("label", "Meal", "option_type", "multi_select", "choices", List.of("A", " ")),
                        "choices"),
                new Case(Map.of("label", "Vegan", "option_type", "boolean", "choices", List.of("A", "B")), "choices"),
                new Case(Map.of("label", "Vegan", "option_type", "boolean", "max_length", 10), "max_length"),
                new Case(Map.of("label", "Note", "option_type", "text_input", "max_length", 1001), "max_length"),
                new Case(Map.of("label", " ", "option_type", "boolean"), "label"),
                new Case(Map.of("label", "x".repeat(201), "option_type", "boolean"), "label"),
                new Case(Map.of("label", "Colour", "option_type", "colour"), "option_type"),
                new Case(Map.of("option_type", "boolean"), "label"));
        for (Case c : cases) {
            api.as().body(c.body()).post(api.options(id)).then().statusCode(422)
                    .body("code", equalTo("validation_failed"))
                    .body("errors.field", contains(c.field()));
        }
        api.as().body("{\"label\":\"A\",\"option_type\":\"boolean\",\"extra\":1}").post(api.options(id)).then()
                .statusCode(400).body("code", equalTo("unknown_field"));
        api.as().body("{\"label\":\"A\",\"option_type\":\"boolean\",\"is_required\":\"yes\"}").post(api.options(id))
                .then().statusCode(400).body("code", equalTo("malformed_json"));
        api.as().get(api.pkg(id)).then().body("custom_options.size()", equalTo(0)).body("version", equalTo(1));
    }

    @Test
    void aFifthOptionIsRefused() {
        UUID id = api.create("Gala", "100");
        for (int i = 0; i < 4; i++) {
            createOption(id, Map.of("label", "Q" + i, "option_type", "boolean"));
        }
        api.as().body(Map.of("label", "Q5", "option_type", "boolean")).post(api.options(id)).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("option_limit_reached"));
    }

    @Test
    void concurrentCreatesNeverMakeAFifthOption() throws Exception {
        UUID id = api.create("Gala", "100");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            answers.add(threads.submit(() -> {
                start.await();
                return api.as().body(Map.of("label", "Q" + n, "option_type", "boolean")).post(api.options(id))
                        .statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        threads.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(201, 201, 201, 201, 409, 409, 409, 409);
        long stored = pool.preparedQuery("SELECT count(*) FROM custom_ticket_options WHERE package_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
        assertThat(stored).isEqualTo(4);
        api.as().get(api.pkg(id)).then().body("version", equalTo(5));
    }

    @Test
    void patchesAndDeletesOptions() {
        UUID id = api.create("Gala", "100");
        String option = createOption(id, Map.of("label", "Meal", "option_type", "single_select", "choices",
                List.of("Fish", "Veg")));
        api.as().body("{\"option_type\":\"text_input\",\"choices\":null}").patch(api.options(id) + "/" + option).then()
                .statusCode(200).body("option_type", equalTo("text_input")).body("max_length", equalTo(500))
                .body("choices", nullValue());
        api.as().body("{\"label\":null}").patch(api.options(id) + "/" + option).then().statusCode(422)
                .body("errors.field", contains("label"));
        api.as().body("{\"option_type\":\"multi_select\"}").patch(api.options(id) + "/" + option).then()
                .statusCode(422).body("errors.field", containsInAnyOrder("choices"));
        api.as().body("{\"is_required\":true,\"label\":\"Menu\"}").patch(api.options(id) + "/" + option).then()
                .statusCode(200).body("is_required", equalTo(true)).body("label", equalTo("Menu"));
        api.as().delete(api.options(id) + "/" + option).then().statusCode(204);
        api.as().delete(api.options(id) + "/" + option).then().statusCode(404).body("code",
                equalTo("option_not_found"));
        api.as().get(api.pkg(id)).then().body("custom_options.size()", equalTo(0)).body("version", equalTo(5));
    }

    @Test
    void unknownOrForeignOptionIsNotFound() {
        UUID id = api.create("Gala", "100");
        UUID otherPackage = api.create("Other", "100");
        String option = createOption(otherPackage, Map.of("label", "Q", "option_type", "boolean"));
        api.as().body("{\"label\":\"X\"}").patch(api.options(id) + "/" + option).then().statusCode(404)
                .body("code", equalTo("option_not_found"));
        api.as().delete(api.options(id) + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("option_not_found"));
        api.as().delete(api.options(id) + "/junk").then().statusCode(404).body("code", equalTo("option_not_found"));
        new Api().as().get(new Api().options(id)).then().statusCode(403);
    }
}
