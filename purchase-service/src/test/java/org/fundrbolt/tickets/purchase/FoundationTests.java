package org.fundrbolt.tickets.purchase;

import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.FoundationContract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The platform's shared contract, through purchase's purchase list. */
@QuarkusTest
class FoundationTests extends FoundationContract {

    @Override
    protected ValidatableResponse adminCall(RequestSpecification request, UUID event) {
        return request.get("/api/v1/admin/events/" + event + "/tickets/purchases").then();
    }

    @Override
    protected void assertCoordinatorServed(ValidatableResponse answer) {
        answer.statusCode(200).body("total", equalTo(0));
    }
}
