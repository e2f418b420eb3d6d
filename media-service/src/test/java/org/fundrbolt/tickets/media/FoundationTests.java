package org.fundrbolt.tickets.media;

import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.FoundationContract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The platform's shared contract, through media's image removal. */
@QuarkusTest
class FoundationTests extends FoundationContract {

    @Override
    protected ValidatableResponse adminCall(RequestSpecification request, UUID event) {
        return request.delete("/api/v1/admin/events/" + event + "/tickets/packages/" + UUID.randomUUID() + "/image")
                .then();
    }

    @Override
    protected void assertCoordinatorServed(ValidatableResponse answer) {
        answer.statusCode(404).body("code", equalTo("package_not_found"));
    }
}
