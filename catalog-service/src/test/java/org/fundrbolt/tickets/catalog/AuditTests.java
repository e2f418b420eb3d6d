package org.fundrbolt.tickets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class AuditTests {

    private final Api api = new Api();

    @Inject
    Pool pool;

    private void hasSold(UUID packageId, int sold) {
        pool.preparedQuery("INSERT INTO sales_projection (package_id, event_id, sold_count, updated_at)"
                + " VALUES ($1, $2, $3, now())").execute(Tuple.of(packageId, api.event, sold)).await().indefinitely();
    }

    @Test
    void auditLogRefusesUpdateAndDelete() {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO audit_log (id, event_id, package_id, entity_type, entity_id, action, user_id,"
                + " created_at) VALUES ($1, $2, $3, 'ticket_package', $3, 'updated', $2, now())")
                .execute(Tuple.of(id, api.event, UUID.randomUUID())).await().indefinitely();
        assertThatThrownBy(() -> pool.preparedQuery("UPDATE audit_log SET new_value = 'x' WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> pool.preparedQuery("DELETE FROM audit_log WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely()).hasMessageContaining("append-only");
        long left = pool.preparedQuery("SELECT count(*) FROM audit_log WHERE id = $1").execute(Tuple.of(id)).await()
                .indefinitely().iterator().next().getLong(0);
        assertThat(left).isEqualTo(1);
    }

    @Test
    void changesBeforeAnySaleAreNotAudited() {
        UUID id = api.create("Gala", "100");
        api.as().body("{\"price\":150}").patch(api.pkg(id)).then().statusCode(200);
        api.as().get(api.pkg(id) + "/audit").then().statusCode(200).body("entries", empty());
    }

    @Test
    void everyChangedFieldOfAPackageWithSalesIsAuditedNewestFirst() {
        UUID id = api.create(Map.of("name", "Gala", "price", 100, "quantity_limit", 50));
        hasSold(id, 2);
        api.as().get(api.pkg(id)).then().body("sold_count", equalTo(2)).body("available", equalTo(48));
        api.as().body("{\"price\":150,\"name\":\"Gala night\",\"description\":\"Dinner\"}").patch(api.pkg(id))
                .then().statusCode(200);
        api.as().body("{\"is_enabled\":false}").patch(api.pkg(id)).then().statusCode(200);
        String option = api.as().body(Map.of("label", "Meal", "option_type", "boolean")).post(api.options(id)).then()
                .statusCode(201).extract().path("id");
        api.as().body("{\"is_required\":true}").patch(api.options(id) + "/" + option).then().statusCode(200);
        api.as().delete(api.options(id) + "/" + option).then().statusCode(204);
        var entries = api.as().get(api.pkg(id) + "/audit").then().statusCode(200)
                .body("entries.action", contains("option_removed", "option_updated", "option_added", "disabled",
                        "updated", "updated", "updated"))
                .body("entries.entity_type", contains("custom_option", "custom_option", "custom_option",
                        "ticket_package", "ticket_package", "ticket_package", "ticket_package"))
                .body("entries[1].field_name", equalTo("is_required")).body("entries[1].old_value", equalTo("false"))
                .body("entries[1].new_value", equalTo("true")).body("entries[1].entity_id", equalTo(option))
                .extract().<List<Map<String, Object>>>path("entries");
        assertThat(entries.subList(4, 7)).extracting(e -> e.get("field_name"))
                .containsExactlyInAnyOrder("name", "price", "description");
        Map<String, Object> price = entries.stream().filter(e -> "price".equals(e.get("field_name"))).findFirst().get();
        assertThat(price).containsEntry("old_value", "100.00").containsEntry("new_value", "150.00")
                .containsEntry("user_id", api.user.toString());
        assertThat(entries.get(0)).containsKeys("id", "entity_type", "entity_id", "action", "field_name", "old_value",
                "new_value", "user_id", "created_at");
    }

    @Test
    void everySalesRuleOfAPackageWithSalesIsAuditedWithTheContractsValues() {
        UUID id = api.create("Gala", "150");
        hasSold(id, 1);
        api.as().body("{\"sales_start_at\":\"2026-11-01T12:00:00+02:00\",\"sales_end_at\":\"2026-12-31T10:00:00.250Z\","
                + "\"min_per_order\":2,\"max_per_order\":10,\"visibility\":\"hidden\",\"price_tiers\":[{\"label\":"
                + "\"Early bird\",\"price\":100,\"ends_at\":\"2026-12-04T10:00:00Z\"}]}").patch(api.pkg(id)).then()
                .statusCode(200);
        api.as().body("{\"sales_start_at\":null,\"price_tiers\":null,\"visibility\":\"public\"}").patch(api.pkg(id))
                .then().statusCode(200);
        List<Map<String, Object>> entries = api.as().get(api.pkg(id) + "/audit").then().statusCode(200)
                .extract().path("entries");
        assertThat(entries).allSatisfy(e -> assertThat(e).containsEntry("action", "updated")
                .containsEntry("entity_type", "ticket_package").containsEntry("user_id", api.user.toString()));
        assertThat(entries)
                .extracting(e -> e.get("field_name") + ": " + e.get("old_value") + " -> " + e.get("new_value"))
                .containsExactlyInAnyOrder(
                        "sales_start_at: null -> 2026-11-01T10:00:00Z",
                        "sales_end_at: null -> 2026-12-31T10:00:00.250Z",
                        "min_per_order: 1 -> 2",
                        "max_per_order: 100 -> 10",
                        "visibility: public -> hidden",
                        "price_tiers: [] -> [{\"label\":\"Early bird\",\"price\":\"100.00\",\"ends_at\":\"2026-12-04T10:00:00Z\"}]",
                        "sales_start_at: 2026-11-01T10:00:00Z -> null",
                        "price_tiers: [{\"label\":\"Early bird\",\"price\":\"100.00\",\"ends_at\":\"2026-12-04T10:00:00Z\"}] -> []",
                        "visibility: hidden -> public");
        assertThat(entries.stream().filter(e -> "sales_start_at".equals(e.get("field_name"))
                && e.get("new_value") == null)).hasSize(1);
    }
}
