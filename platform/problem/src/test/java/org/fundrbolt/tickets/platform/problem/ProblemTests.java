package org.fundrbolt.tickets.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProblemTests {

    @Test
    void titlesAValidationFailureByItsCodeNotAsError() {
        Map<String, Object> body = Problem.body(DomainException.validation("price", "must be at least 0"));
        assertThat(body.get("title")).isEqualTo("Validation failed");
        assertThat(body.get("status")).isEqualTo(422);
        assertThat(body.get("type")).isEqualTo("https://docs.fundrbolt.org/problems/validation-failed");
        assertThat(body.get("errors")).isEqualTo(List.of(Map.of("field", "price", "message", "must be at least 0")));
    }

    @Test
    void givesEveryStatusAReadableTitleForUnlistedCodes() {
        assertThat(Problem.title(422, "something_new")).isEqualTo("Unprocessable Content");
        assertThat(Problem.title(429, "something_new")).isEqualTo("Too Many Requests");
        assertThat(Problem.title(499, "something_new")).isEqualTo("Client Error");
        assertThat(Problem.title(599, "something_new")).isEqualTo("Server Error");
    }

    @Test
    void writesFieldsInTheOrderOfApiMdAndOmitsEmptyErrors() {
        Map<String, Object> body = Problem.body(409, "sold_out", "Only 2 left.", List.of(), Map.of("available", 2));
        assertThat(body.keySet()).containsExactly("type", "title", "status", "detail", "code", "available");
        assertThat(body.get("title")).isEqualTo("Sold out");
    }
}
