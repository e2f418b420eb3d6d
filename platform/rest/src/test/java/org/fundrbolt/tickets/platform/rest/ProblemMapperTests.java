package org.fundrbolt.tickets.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;

import org.fundrbolt.tickets.platform.problem.Problem;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class ProblemMapperTests {

    record Price(BigDecimal price, Integer quantity, List<String> tags) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Java names as Jackson and the JDK write them: java.lang.Integer, com.fasterxml..., StreamReadConstraints.
    private static final String JAVA_NAME = ".*(\\b[a-z]+\\.[a-z]+\\.[A-Za-z]|`|Exception|Constraints|"
            + "ProblemMapperTests|\\$).*";

    private static String detailFor(String body, Class<?> type) {
        try {
            MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            return ProblemMapper.malformedJsonDetail(e);
        }
        throw new AssertionError("parsed: " + body);
    }

    @Test
    void namesTheFieldAndItsJsonKindNeverAJavaType() {
        assertThat(detailFor("{\"quantity\":\"many\"}", Price.class)).isEqualTo("Field 'quantity' must be a number.")
                .doesNotMatch(JAVA_NAME);
        assertThat(detailFor("{\"tags\":{\"a\":1}}", Price.class)).isEqualTo("Field 'tags' must be an array.");
        assertThat(detailFor("[1]", Price.class)).isEqualTo("The body must be an object.");
    }

    @Test
    void saysWhereTheSyntaxBreaksWithoutJacksonsText() {
        assertThat(detailFor("{\"price\":", Price.class)).doesNotMatch(JAVA_NAME).contains("not valid JSON");
        assertThat(detailFor("{\"price\": nope}", Price.class)).doesNotMatch(JAVA_NAME).contains("line 1");
        assertThat(detailFor("[".repeat(5000) + "]".repeat(5000), Object.class)).doesNotMatch(JAVA_NAME)
                .contains("nests too deeply");
    }

    @Test
    void aRefusedConnectionIsADependencyUnavailableNotAnInternalError() {
        ProblemMapper mapper = new ProblemMapper(null);
        // As the reactive PostgreSQL client fails while the database is down (netty's ConnectException subclass).
        var refused = mapper.unexpected(new IllegalStateException(new java.net.ConnectException(
                "Connection refused: /127.0.0.1:5432")));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) refused.getEntity();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(body.get("code")).isEqualTo("dependency_unavailable");
        assertThat((String) body.get("detail")).doesNotMatch(JAVA_NAME).doesNotContain("5432");
        assertThat(mapper.unexpected(new IllegalStateException("a bug")).getStatus()).isEqualTo(500);
    }

    @Test
    void neverEchoesTheFrameworksMessageForOtherClientErrors() {
        ProblemMapper mapper = new ProblemMapper(null);
        var response = mapper.webApplication(new WebApplicationException(
                "java.lang.NumberFormatException: For input string: \"x\"", 400));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat((String) body.get("detail")).doesNotMatch(JAVA_NAME);
        assertThat(body.get("code")).isEqualTo("malformed_json");
    }
}
