package org.fundrbolt.tickets.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import java.util.Map;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Hidden packages: out of the public list. */
@QuarkusTest
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
    void hiddenPackagesAreLeftOutOfThePublicList() {
        UUID open = api.create("Open", "10");
        UUID hidden = hidden("Sponsors");
        api.as().get(api.packages()).then().body("packages.id", contains(open.toString(), hidden.toString()));
        given().get(publicList()).then().statusCode(200).body("packages.id", contains(open.toString()));
        asDonor().get(publicList()).then().statusCode(200).body("packages.id", contains(open.toString()));
        // an open list ignores a token it does not need, even a broken one
        given().header("Authorization", "Bearer not.a.jwt").get(publicList()).then().statusCode(200)
                .body("packages.id", contains(open.toString()));
        // visible again once public
        api.as().body("{\"visibility\":\"public\"}").patch(api.pkg(hidden)).then().statusCode(200);
        given().get(publicList()).then().body("packages.id", contains(open.toString(), hidden.toString()));
    }
}
