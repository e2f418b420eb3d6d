package org.fundrbolt.tickets.promo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fundrbolt.tickets.promo.PromoFixtures.createCode;
import static org.fundrbolt.tickets.promo.PromoFixtures.currentUses;
import static org.fundrbolt.tickets.promo.PromoFixtures.knownPackage;
import static org.fundrbolt.tickets.promo.PromoFixtures.redeem;
import static org.fundrbolt.tickets.promo.PromoFixtures.serviceToken;
import static org.fundrbolt.tickets.promo.PromoFixtures.validate;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** Promo codes under the sales rules (API.md, "Sales rules"): access codes, unlocked packages in scope, answers. */
@QuarkusTest
class SalesRulesTests {

    @Inject
    Pool pool;

    private final UUID event = UUID.randomUUID();
    private final UUID donor = UUID.randomUUID();

    @Test
    void anAccessCodeDiscountsNothingButItsUsesAreCountedAndLimited() {
        UUID pkg = UUID.randomUUID();
        knownPackage(pool, pkg, event, "150.00");
        UUID promo = createCode(event, Map.of("code", "INSIDER", "discount_type", "none", "max_total_uses", 2,
                "max_uses_per_donor", 1));
        String validated = validate(event, donor, "insider", pkg, 3).statusCode(200).body("valid", equalTo(true))
                .body("code", equalTo("INSIDER")).body("discount_type", equalTo("none")).extract().asString();
        assertThat(validated).contains("\"discount_value\":0.00").contains("\"discount_amount\":0.00");

        String redeemed = redeem(event, UUID.randomUUID(), donor, "INSIDER", pkg, "450.00").statusCode(201)
                .body("promo_id", equalTo(promo.toString())).body("discount_type", equalTo("none")).extract()
                .asString();
        assertThat(redeemed).contains("\"discount_value\":0.00").contains("\"discount_amount\":0.00");
        assertThat(currentUses(pool, promo)).isEqualTo(1);
        // Limited like any code: once per donor, twice in all.
        validate(event, donor, "INSIDER", pkg, 1).statusCode(409).body("code", equalTo("promo_code_exhausted"));
        redeem(event, UUID.randomUUID(), donor, "INSIDER", pkg, "150.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted"));
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "INSIDER", pkg, "150.00").statusCode(201);
        redeem(event, UUID.randomUUID(), UUID.randomUUID(), "INSIDER", pkg, "150.00").statusCode(409)
                .body("code", equalTo("promo_code_exhausted"));
        assertThat(currentUses(pool, promo)).isEqualTo(2);
        assertThat(PromoFixtures.count(pool,
                "SELECT count(*) FROM promo_code_applications WHERE promo_id = $1 AND discount_amount = 0", promo))
                .isEqualTo(2);
    }

    @Test
    void appliesToThePackagesItUnlocksWhateverItsScope() {
        UUID scoped = UUID.randomUUID();
        UUID hidden = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        for (UUID pkg : List.of(scoped, hidden, other)) {
            knownPackage(pool, pkg, event, "100.00");
        }
        createCode(event, Map.of("code", "TABLE", "discount_type", "percentage", "discount_value", 10,
                "package_ids", List.of(scoped.toString()), "unlocks_package_ids", List.of(hidden.toString())));
        validate(event, donor, "TABLE", scoped, 1).statusCode(200).body("discount_amount", equalTo(10.00f));
        validate(event, donor, "TABLE", hidden, 2).statusCode(200).body("discount_amount", equalTo(20.00f));
        validate(event, donor, "TABLE", other, 1).statusCode(422).body("code", equalTo("promo_code_not_applicable"));
        redeem(event, UUID.randomUUID(), donor, "TABLE", hidden, "100.00").statusCode(201)
                .body("discount_amount", equalTo(10.00f));
        redeem(event, UUID.randomUUID(), donor, "TABLE", other, "100.00").statusCode(422)
                .body("code", equalTo("promo_code_not_applicable"));
        // An empty scope is still every package of the event, the unlocked ones included.
        createCode(event, Map.of("code", "EVERYONE", "discount_type", "fixed_amount", "discount_value", 5,
                "unlocks_package_ids", List.of(hidden.toString())));
        validate(event, donor, "EVERYONE", other, 1).statusCode(200);
        validate(event, donor, "EVERYONE", hidden, 1).statusCode(200);
    }

    @Test
    void redeemAndCheckAnswerTheDiscountBesidesTheAmount() {
        UUID pkg = UUID.randomUUID();
        UUID promo = createCode(event, Map.of("code", "TENTH", "discount_type", "percentage", "discount_value", 12.5));
        UUID purchase = UUID.randomUUID();
        String body = "{\"purchase_id\":\"" + purchase + "\",\"event_id\":\"" + event + "\",\"donor_id\":\"" + donor
                + "\",\"code\":\"tenth\",\"package_id\":\"" + pkg + "\",\"quantity\":2,\"base_price\":0.20}";
        String checked = given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/redemptions/checks").then().statusCode(200).extract().asString();
        assertThat(checked).isEqualTo("{\"promo_id\":\"" + promo + "\",\"code\":\"TENTH\",\"discount_type\":"
                + "\"percentage\",\"discount_value\":12.50,\"discount_amount\":0.03}");
        String redeemed = given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/redemptions").then().statusCode(201).extract().asString();
        assertThat(redeemed).isEqualTo(checked);
        // A repeat of the purchase answers the same, from the application and its code.
        assertThat(given().auth().oauth2(serviceToken()).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/redemptions").then().statusCode(201).extract().asString()).isEqualTo(checked);
    }
}
