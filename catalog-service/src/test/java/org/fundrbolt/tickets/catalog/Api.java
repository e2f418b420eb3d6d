package org.fundrbolt.tickets.catalog;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests of one test's own event, made by a coordinator of that event. */
public final class Api {

    public final UUID event = UUID.randomUUID();
    public final UUID user = UUID.randomUUID();
    private final String token = Tokens.token(user, java.util.Set.of("event_coordinator"),
            java.util.List.of(event.toString()));

    public RequestSpecification as() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public String packages() {
        return "/api/v1/admin/events/" + event + "/tickets/packages";
    }

    public String pkg(Object packageId) {
        return packages() + "/" + packageId;
    }

    public String options(Object packageId) {
        return pkg(packageId) + "/options";
    }

    /** Creates a package and returns its id. */
    public UUID create(String name, String price) {
        return create(Map.of("name", name, "price", new java.math.BigDecimal(price)));
    }

    public UUID create(Map<String, Object> body) {
        return UUID.fromString(as().body(body).post(packages()).then().statusCode(201).extract().path("id"));
    }
}
