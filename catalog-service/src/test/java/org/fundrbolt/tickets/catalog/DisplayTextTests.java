package org.fundrbolt.tickets.catalog;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Names, descriptions, labels and choices refuse control characters, bidi overrides and isolates, and (but for
 * descriptions) text with nothing visible in it, with 422 on the field and nothing written (issue 16).
 */
@QuarkusTest
@QuarkusTestResource(FakePurchase.class)
class DisplayTextTests {

    private static final List<String> BAD_LINES = List.of("VIP\nTable", "VIP\r\nTable", "VIP\tTable",
            "VIP\u0000Table", "VIP\u0085", "VIP \u202Eelbat", "VIP \u2067x\u2069", "\u200B", "\u200B\u200C\u200D",
            "\uFEFF\u2060", "\u00A0\u00A0");

    private final Api api = new Api();

    @Test
    void refusesBadPackageNamesOnCreateAndPatch() {
        UUID id = api.create("Gala", "100");
        for (String name : BAD_LINES) {
            api.as().body(Map.of("name", name, "price", 10)).post(api.packages()).then()
                    .statusCode(422).body("code", equalTo("validation_failed")).body("errors.field", contains("name"));
            api.as().body(Map.of("name", name)).patch(api.pkg(id)).then().statusCode(422)
                    .body("errors.field", contains("name"));
        }
        api.as().get(api.packages()).then().body("packages.id", contains(id.toString()))
                .body("packages[0].name", equalTo("Gala")).body("packages[0].version", equalTo(1));
    }

    @Test
    void refusesControlAndBidiCharactersInDescriptionsButKeepsLineBreaks() {
        for (String description : List.of("Dinner\u0000", "Dinner\u001B[2J", "Dinner \u202Eecnad", "A\u2066B")) {
            api.as().body(Map.of("name", "Gala", "price", 10, "description", description)).post(api.packages())
                    .then().statusCode(422).body("errors.field", contains("description"));
        }
        api.as().get(api.packages()).then().body("packages", empty());
        UUID id = api.create(Map.of("name", "Gala", "price", 10, "description", "Dinner\r\n\tand dance"));
        api.as().get(api.pkg(id)).then().body("description", equalTo("Dinner\r\n\tand dance"));
    }

    @Test
    void refusesBadOptionLabelsAndChoices() {
        UUID id = api.create("Gala", "100");
        for (String bad : BAD_LINES) {
            api.as().body(Map.of("label", bad, "option_type", "boolean")).post(api.options(id)).then()
                    .statusCode(422).body("errors.field", contains("label"));
            api.as().body(Map.of("label", "Meal", "option_type", "single_select", "choices", List.of("Fish", bad)))
                    .post(api.options(id)).then().statusCode(422).body("errors.field", contains("choices"));
        }
        String option = api.as().body(Map.of("label", "Meal", "option_type", "single_select", "choices",
                List.of("Fish", "Beef"))).post(api.options(id)).then().statusCode(201).extract().path("id");
        for (String bad : BAD_LINES) {
            api.as().body(Map.of("label", bad)).patch(api.options(id) + "/" + option).then().statusCode(422)
                    .body("errors.field", contains("label"));
            api.as().body(Map.of("choices", List.of(bad, "Beef"))).patch(api.options(id) + "/" + option).then()
                    .statusCode(422).body("errors.field", contains("choices"));
        }
        api.as().get(api.pkg(id)).then().body("custom_options.size()", equalTo(1))
                .body("custom_options[0].label", equalTo("Meal"))
                .body("custom_options[0].choices", contains("Fish", "Beef")).body("version", equalTo(2));
    }

    @Test
    void storesNamesAndChoicesInComposedFormSoTwoSpellingsAreOneChoice() {
        UUID id = api.create("Cafe\u0301 table", "10");
        api.as().get(api.pkg(id)).then().body("name", equalTo("Caf\u00E9 table"));
        api.as().body(Map.of("label", "Drink", "option_type", "single_select", "choices",
                List.of("Caf\u00E9", "Cafe\u0301"))).post(api.options(id)).then().statusCode(422)
                .body("errors.field", contains("choices"));
        api.as().get(api.pkg(id)).then().body("custom_options", empty());
    }
}
