package org.fundrbolt.tickets.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ImageValidationTests {

    private final UUID event = UUID.randomUUID();
    private final UUID pkg = UUID.randomUUID();

    @Inject
    Pool pool;

    @BeforeEach
    void knownPackage() {
        Catalog.knownPackage(event, pkg);
    }

    private ValidatableResponse send(String fileName, byte[] bytes, String type) {
        return PackageImageTests.upload(event, pkg, Tokens.coordinator(event), fileName, bytes, type).then();
    }

    private void assertUnsupported(String fileName, byte[] bytes, String type) {
        send(fileName, bytes, type).statusCode(415).contentType("application/problem+json")
                .body("code", equalTo("unsupported_image"));
    }

    @Test
    void rejectsPngBytesDeclaredAsJpeg() {
        assertUnsupported("photo.jpg", TestImages.png(10, 10), "image/jpeg");
    }

    @Test
    void rejectsGif() {
        byte[] gif = TestImages.encode(TestImages.picture(10, 10), "gif");
        assertUnsupported("anim.gif", gif, "image/gif");
        assertUnsupported("anim.png", gif, "image/png");
    }

    @Test
    void rejectsSvg() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertUnsupported("logo.svg", svg, "image/svg+xml");
        assertUnsupported("logo.png", svg, "image/png");
    }

    @Test
    void rejectsHtmlNamedAsJpeg() {
        assertUnsupported("photo.jpg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                "image/jpeg");
    }

    @Test
    void rejectsEmptyFile() {
        assertUnsupported("empty.png", new byte[0], "image/png");
    }

    @Test
    void rejectsTruncatedPngAndJpeg() {
        byte[] png = TestImages.png(200, 200);
        assertUnsupported("cut.png", Arrays.copyOf(png, png.length / 2), "image/png");
        byte[] jpeg = TestImages.jpeg(200, 200);
        assertUnsupported("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg");
    }

    @Test
    void rejectsPolyglotWithPageAfterTheImage() {
        byte[] page = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        assertUnsupported("poly.png", TestImages.concat(TestImages.png(10, 10), page), "image/png");
        assertUnsupported("poly.jpg", TestImages.concat(TestImages.jpeg(10, 10), page), "image/jpeg");
        assertUnsupported("poly.webp", TestImages.concat(TestImages.TINY_WEBP, page), "image/webp");
    }

    @Test
    void rejectsDecompressionBombByHeaderDimensions() {
        assertUnsupported("bomb.png", TestImages.pngBomb(30_000, 30_000), "image/png");
        assertUnsupported("wide.png", TestImages.pngBomb(12_000, 10), "image/png");
    }

    @Test
    void rejectsImageOverFiveMebibytes() {
        // Within the HTTP body limit but over the image limit: refused by the part size check.
        byte[] big = TestImages.concat(TestImages.png(10, 10), new byte[5 * 1024 * 1024]);
        send("big.png", big, "image/png").statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("image_too_large"));
    }

    @Test
    void rejectsBodyOverTheHttpLimitAsImageTooLarge() {
        byte[] huge = new byte[8 * 1024 * 1024];
        send("huge.png", huge, "image/png").statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("image_too_large"));
    }

    @Test
    void requiresTheFilePart() {
        given().auth().oauth2(Tokens.coordinator(event))
                .multiPart("picture", "p.png", TestImages.png(8, 8), "image/png")
                .post(PackageImageTests.imagePath(event, pkg)).then().statusCode(422)
                .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("file"));
        assertMissingFilePart(sendRaw("multipart/form-data; boundary=XYZ", "--XYZ--\r\n"));
        assertMissingFilePart(sendRaw("multipart/form-data", "--XYZ\r\n"));
        assertNothingStored();
    }

    @Test
    void rejectsMultipartWhoseBoundaryNeverAppears() {
        assertMissingFilePart(sendRaw("multipart/form-data; boundary=XYZ", "a body without its boundary\r\n"));
        assertMissingFilePart(sendRaw("multipart/form-data; boundary=XYZ", ""));
        assertNothingStored();
    }

    @Test
    void rejectsMultipartThatEndsInsideTheFilePart() {
        String cut = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        byte[] png = TestImages.png(8, 8);
        byte[] body = TestImages.concat(cut.getBytes(StandardCharsets.US_ASCII), png);
        assertMissingFilePart(given().auth().oauth2(Tokens.coordinator(event))
                .contentType("multipart/form-data; boundary=XYZ").body(body)
                .post(PackageImageTests.imagePath(event, pkg)).then());
        assertNothingStored();
    }

    @Test
    void rejectsMultipartWithGarbledPartHeaders() {
        assertMissingFilePart(sendRaw("multipart/form-data; boundary=XYZ",
                "--XYZ\r\na header line without a colon\r\n\r\nabc\r\n--XYZ--\r\n"));
        assertNothingStored();
    }

    private ValidatableResponse sendRaw(String contentType, String body) {
        return given().auth().oauth2(Tokens.coordinator(event)).contentType(contentType)
                .body(body.getBytes(StandardCharsets.US_ASCII)).post(PackageImageTests.imagePath(event, pkg)).then();
    }

    private static void assertMissingFilePart(ValidatableResponse response) {
        response.statusCode(422).contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("file"));
    }

    private void assertNothingStored() {
        long records = pool.preparedQuery("SELECT count(*) AS n FROM package_images WHERE package_id = $1")
                .execute(Tuple.of(pkg)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
        assertThat(records).isZero();
        assertThat(Blobs.countUnder(event, pkg)).isZero();
    }

    @Test
    void refusesNonMultipartBody() {
        given().auth().oauth2(Tokens.coordinator(event)).contentType("image/png").body(TestImages.png(8, 8))
                .post(PackageImageTests.imagePath(event, pkg)).then().statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("unsupported_media_type"));
    }

    @Test
    void acceptsEachAllowedFormat() {
        send("a.jpg", TestImages.jpeg(12, 12), "image/jpeg").statusCode(201);
        send("a.png", TestImages.png(12, 12), "image/png").statusCode(201);
        send("a.webp", TestImages.TINY_WEBP, "image/webp").statusCode(201);
    }
}
