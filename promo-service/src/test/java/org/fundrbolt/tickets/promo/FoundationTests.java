package org.fundrbolt.tickets.promo;

import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.fundrbolt.tickets.platform.testing.FoundationContract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The platform's shared contract, through promo's code list. */
@QuarkusTest
class FoundationTests extends FoundationContract {

    @Override
    protected ValidatableResponse adminCall(RequestSpecification request, UUID event) {
        return request.get("/api/v1/admin/events/" + event + "/promo-codes").then();
    }

    @Override
    protected void assertCoordinatorServed(ValidatableResponse answer) {
        answer.statusCode(200).body("promo_codes.size()", equalTo(0));
    }
}
