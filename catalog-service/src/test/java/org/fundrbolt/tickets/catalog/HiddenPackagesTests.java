package org.fundrbolt.tickets.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/** Hidden packages: out of the public list, unless a code that promo-service says unlocks them comes with a donor. */
@QuarkusTest
@QuarkusTestResource(FakePromo.class)
class HiddenPackagesTests {

    private final Api api = new Api();
    private final UUID donor = UUID.randomUUID();

    private String publicList() {
        return "/api/v1/events/" + api.event + "/tickets/packages";
    }

    private RequestSpecification asDonor() {
        return given().auth().oauth2(Tokens.donor(donor));
    }

    private UUID hidden(String name) {
        return api.create(Map.of("name", name, "price", 100, "visibility", "hidden"));
    }

    @Test
    void hiddenPackagesAreLeftOutOfThePublicListAndAnEmptyCodeIsNoCode() {
        UUID open = api.create("Open", "10");
        UUID hidden = hidden("Sponsors");
        api.as().get(api.packages()).then().body("packages.id", contains(open.toString(), hidden.toString()));
        given().get(publicList()).then().statusCode(200).body("packages.id", contains(open.toString()));
        given().get(publicList() + "?code=").then().statusCode(200).body("packages.id", contains(open.toString()));
        asDonor().get(publicList() + "?code=").then().statusCode(200).body("packages.id", contains(open.toString()));
        // an open list ignores a token it does not need, even a broken one
        given().header("Authorization", "Bearer not.a.jwt").get(publicList()).then().statusCode(200)
                .body("packages.id", contains(open.toString()));
        assertThat(PromoFake.calls(api.event)).isEmpty();
        // visible again once public
        api.as().body("{\"visibility\":\"public\"}").patch(api.pkg(hidden)).then().statusCode(200);
        given().get(publicList()).then().body("packages.id", contains(open.toString(), hidden.toString()));
    }

    @Test
    void aCodeAddsTheEnabledHiddenPackagesOfThisEventThatPromoSaysItUnlocks() {
        UUID open = api.create("Open", "10");
        UUID sponsors = hidden("Sponsors");
        UUID other = hidden("Other hidden");
        UUID closed = api.create(Map.of("name", "Closed", "price", 100, "visibility", "hidden", "is_enabled", false));
        UUID foreign = new Api().create(Map.of("name", "Foreign", "price", 100, "visibility", "hidden"));
        PromoFake.code(api.event, "VIP-2026", sponsors, closed, foreign, open);
        asDonor().get(publicList() + "?code=vip-2026").then().statusCode(200)
                .body("packages.id", contains(open.toString(), sponsors.toString()))
                .body("packages[1].visibility", equalTo("hidden")).body("packages[1].on_sale", equalTo(true));
        asDonor().get(publicList() + "?code=NOPE").then().statusCode(200)
                .body("packages.id", contains(open.toString()));
        List<JsonObject> calls = PromoFake.calls(api.event);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getJsonObject("body").getMap()).containsOnly(
                Map.entry("event_id", api.event.toString()), Map.entry("donor_id", donor.toString()),
                Map.entry("code", "vip-2026"));
        assertThat(calls.get(1).getJsonObject("body").getString("code")).isEqualTo("NOPE");
        String bearer = calls.get(0).getString("authorization");
        assertThat(bearer).startsWith("Bearer ");
        JsonObject claims = new JsonObject(
                new String(Base64.getUrlDecoder().decode(bearer.substring(7).split("\\.")[1]),
                        StandardCharsets.UTF_8));
        assertThat(claims.getString("sub")).isEqualTo("catalog-service");
        assertThat(claims.getJsonArray("groups").getList()).contains("service");
        assertThat(other).isNotNull();
    }

    @Test
    void anyNonEmptyCodeIsAskedAboutAsSent() {
        UUID open = api.create("Open", "10");
        String longCode = "X".repeat(60);
        asDonor().queryParam("code", longCode).get(publicList()).then().statusCode(200)
                .body("packages.id", contains(open.toString()));
        asDonor().queryParam("code", " bad code! ").get(publicList()).then().statusCode(200)
                .body("packages.id", contains(open.toString()));
        assertThat(PromoFake.calls(api.event)).extracting(call -> call.getJsonObject("body").getString("code"))
                .containsExactly(longCode, " bad code! ");
    }

    @Test
    void aCodeNeedsADonorToken() {
        hidden("Sponsors");
        given().get(publicList() + "?code=VIP").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
        given().header("Authorization", "Bearer not.a.jwt").get(publicList() + "?code=VIP").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        String expired = Tokens.token(donor, Set.of("donor"), List.of(), -120);
        given().auth().oauth2(expired).get(publicList() + "?code=VIP").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        given().auth().oauth2(Tokens.coordinator(api.event)).get(publicList() + "?code=VIP").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        assertThat(PromoFake.calls(api.event)).isEmpty();
        given().get("/api/v1/events/nope/tickets/packages?code=VIP").then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void promoRateLimitIsPassedOnWithItsRetryAfter() {
        api.create("Open", "10");
        PromoFake.mode(api.event, "429:42");
        asDonor().get(publicList() + "?code=GUESS").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "42").body("code", equalTo("rate_limited"));
    }

    @Test
    void promoFailingOrUnreachableIsADependencyUnavailable() {
        api.create("Open", "10");
        for (String mode : List.of("500", "down", "slow")) {
            PromoFake.mode(api.event, mode);
            asDonor().get(publicList() + "?code=VIP").then().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("dependency_unavailable"));
        }
        // without a code the list never asks promo-service
        given().get(publicList()).then().statusCode(200);
        PromoFake.mode(api.event, "ok");
        asDonor().get(publicList() + "?code=VIP").then().statusCode(200);
    }
}
