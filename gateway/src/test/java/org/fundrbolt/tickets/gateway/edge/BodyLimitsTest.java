package org.fundrbolt.tickets.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.fundrbolt.tickets.gateway.edge.BodyLimits.Refusal;
import org.fundrbolt.tickets.gateway.edge.RouteTable.Kind;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {

    private static final long JSON = 1_048_576;
    private static final long IMAGE = 5_308_416;
    private final BodyLimits limits = new BodyLimits(JSON, IMAGE);

    @Test
    void allowsImageUploadsUpToTheImageLimit() {
        assertEquals(IMAGE, limits.limitFor(Kind.IMAGE_UPLOAD));
        assertEquals(Optional.empty(), limits.refusal(String.valueOf(IMAGE), Kind.IMAGE_UPLOAD));
    }

    @Test
    void allowsEveryOtherRouteUpToTheJsonLimit() {
        for (Kind kind : Kind.values()) {
            if (kind != Kind.IMAGE_UPLOAD) {
                assertEquals(JSON, limits.limitFor(kind), kind.name());
                assertEquals(Optional.empty(), limits.refusal(String.valueOf(JSON), kind), kind.name());
            }
        }
    }

    @Test
    void refusesImageLargerThanTheImageLimitAsImageTooLarge() {
        assertEquals(Optional.of(Refusal.IMAGE_TOO_LARGE),
                limits.refusal(String.valueOf(IMAGE + 1), Kind.IMAGE_UPLOAD));
    }

    @Test
    void refusesJsonLargerThanTheJsonLimitAsPayloadTooLarge() {
        assertEquals(Optional.of(Refusal.PAYLOAD_TOO_LARGE), limits.refusal(String.valueOf(JSON + 1), Kind.API));
        assertEquals(Optional.of(Refusal.PAYLOAD_TOO_LARGE), limits.refusal(String.valueOf(JSON + 1), Kind.CHECKOUT));
    }

    @Test
    void passesBodyWithoutContentLength() {
        assertEquals(Optional.empty(), limits.refusal(null, Kind.API));
        assertEquals(Optional.empty(), limits.refusal(null, Kind.IMAGE_UPLOAD));
    }

    @Test
    void toleratesWhitespaceAroundContentLength() {
        assertEquals(Optional.empty(), limits.refusal(" 12 ", Kind.API));
    }

    @Test
    void refusesContentLengthThatIsNotANumber() {
        assertEquals(Optional.of(Refusal.LENGTH_NOT_A_NUMBER), limits.refusal("twelve", Kind.API));
        assertEquals(Optional.of(Refusal.LENGTH_NOT_A_NUMBER), limits.refusal("", Kind.IMAGE_UPLOAD));
    }

    @Test
    void answersWithTheCodesOfApiMd() {
        assertEquals(400, Refusal.LENGTH_NOT_A_NUMBER.status);
        assertEquals("malformed_json", Refusal.LENGTH_NOT_A_NUMBER.code);
        assertEquals(413, Refusal.IMAGE_TOO_LARGE.status);
        assertEquals("image_too_large", Refusal.IMAGE_TOO_LARGE.code);
        assertEquals(413, Refusal.PAYLOAD_TOO_LARGE.status);
        assertEquals("payload_too_large", Refusal.PAYLOAD_TOO_LARGE.code);
    }
}
