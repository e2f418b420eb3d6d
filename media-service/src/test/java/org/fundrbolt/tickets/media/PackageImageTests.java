package org.fundrbolt.tickets.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fundrbolt.tickets.platform.testing.Operations;
import org.fundrbolt.tickets.platform.testing.Tokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class PackageImageTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID event = UUID.randomUUID();
    private final UUID pkg = UUID.randomUUID();

    static String imagePath(UUID event, UUID pkg) {
        return "/api/v1/admin/events/" + event + "/tickets/packages/" + pkg + "/image";
    }

    static Response upload(UUID event, UUID pkg, String token, String fileName, byte[] bytes, String type) {
        return given().auth().oauth2(token).multiPart("file", fileName, bytes, type).post(imagePath(event, pkg));
    }

    /** The path part of an image_url, to fetch it from this service (the URL's host is the gateway). */
    static String servedPath(String imageUrl) {
        return URI.create(imageUrl).getPath();
    }

    private String uploadAccepted(byte[] bytes, String type, String fileName) {
        return upload(event, pkg, Tokens.coordinator(event), fileName, bytes, type).then().statusCode(201)
                .extract().path("image_url");
    }

    @Test
    void storesServesAndRemovesAnImage() throws IOException {
        Catalog.knownPackage(event, pkg);
        String imageUrl = uploadAccepted(TestImages.png(64, 48), "image/png", "table.png");
        assertThat(imageUrl).matches("http://localhost:8080/images/" + event + "/" + pkg + "/[0-9a-f-]{36}\\.png");

        Response served = given().get(servedPath(imageUrl));
        served.then().statusCode(200).contentType("image/png")
                .header("Cache-Control", "public, max-age=31536000, immutable");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(served.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertThat(Blobs.properties(imageUrl).getContentType()).isEqualTo("image/png");
        assertThat(Blobs.properties(imageUrl).getCacheControl()).isEqualTo("public, max-age=31536000, immutable");
        String etag = served.header("ETag");
        assertThat(etag).isNotBlank();
        given().header("If-None-Match", etag).get(servedPath(imageUrl)).then().statusCode(304);

        given().auth().oauth2(Tokens.coordinator(event)).delete(imagePath(event, pkg)).then().statusCode(204);
        given().get(servedPath(imageUrl)).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not_found"));
        assertThat(Blobs.exists(imageUrl)).isFalse();
    }

    @Test
    void replacingAnImageRemovesTheOldOne() {
        Catalog.knownPackage(event, pkg);
        String first = uploadAccepted(TestImages.png(20, 20), "image/png", "a.png");
        String second = uploadAccepted(TestImages.jpeg(30, 10), "image/jpeg", "b.jpg");
        assertThat(second).isNotEqualTo(first).endsWith(".jpg");
        given().get(servedPath(first)).then().statusCode(404).body("code", equalTo("not_found"));
        given().get(servedPath(second)).then().statusCode(200).contentType("image/jpeg");
        assertThat(Blobs.exists(first)).as("old blob").isFalse();
        assertThat(Blobs.exists(second)).as("new blob").isTrue();
        assertThat(Blobs.properties(second).getContentType()).isEqualTo("image/jpeg");
    }

    @Test
    void stripsExifAndCommentsFromJpeg() throws IOException {
        Catalog.knownPackage(event, pkg);
        byte[] original = TestImages.jpegWithExifAndComment(40, 30);
        assertThat(TestImages.contains(original, TestImages.EXIF_SECRET)).isTrue();
        String imageUrl = uploadAccepted(original, "image/jpeg", "photo.jpg");

        byte[] stored = given().get(servedPath(imageUrl)).then().statusCode(200).extract().asByteArray();
        assertThat(TestImages.contains(stored, "Exif")).isFalse();
        assertThat(TestImages.contains(stored, "GPS")).isFalse();
        assertThat(TestImages.contains(stored, TestImages.COMMENT_SECRET)).isFalse();
        assertThat(TestImages.contains(stored, new byte[]{(byte) 0xFF, (byte) 0xE1})).isFalse();
        assertThat(TestImages.contains(stored, new byte[]{(byte) 0xFF, (byte) 0xFE})).isFalse();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
    }

    @Test
    void turnsJpegUprightBeforeDroppingItsOrientation() throws IOException {
        Catalog.knownPackage(event, pkg);
        BufferedImage original = TestImages.picture(40, 30);
        var graphics = original.createGraphics();
        graphics.setColor(java.awt.Color.RED);
        graphics.fillRect(0, 0, 10, 10);
        graphics.dispose();
        // Orientation 6: shown turned 90° clockwise, 30 wide and 40 high, the red corner at the top right.
        String imageUrl = uploadAccepted(TestImages.jpegWithOrientation(original, 6), "image/jpeg", "phone.jpg");
        byte[] stored = given().get(servedPath(imageUrl)).then().statusCode(200).extract().asByteArray();
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(upright.getWidth()).isEqualTo(30);
        assertThat(upright.getHeight()).isEqualTo(40);
        assertThat(isRed(upright.getRGB(25, 4))).as("top right").isTrue();
        assertThat(isRed(upright.getRGB(4, 4))).as("top left").isFalse();
        assertThat(TestImages.contains(stored, "Exif")).isFalse();
    }

    @Test
    void stripsExifAndXmpChunksFromWebp() throws IOException {
        Catalog.knownPackage(event, pkg);
        byte[] original = TestImages.webpWithExifAndXmp();
        // Honest input: the TwelveMonkeys reader decodes it before media-service ever sees it.
        assertThat(ImageIO.read(new ByteArrayInputStream(original)).getWidth()).isEqualTo(1);
        String imageUrl = uploadAccepted(original, "image/webp", "tiny.webp");
        assertThat(imageUrl).endsWith(".webp");

        byte[] stored = given().get(servedPath(imageUrl)).then().statusCode(200).contentType("image/webp")
                .extract().asByteArray();
        assertThat(TestImages.contains(stored, "EXIF")).isFalse();
        assertThat(TestImages.contains(stored, "XMP ")).isFalse();
        assertThat(TestImages.contains(stored, TestImages.EXIF_SECRET)).isFalse();
        assertThat(stored[20] & 0x0C).as("VP8X EXIF and XMP flags").isZero();
        assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(1);
    }

    @Test
    void publishesImageEventsWithGrowingVersions() throws IOException {
        Catalog.knownPackage(event, pkg);
        String imageUrl = uploadAccepted(TestImages.png(8, 8), "image/png", "p.png");
        given().auth().oauth2(Tokens.superAdmin()).delete(imagePath(event, pkg)).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = Catalog.imageEvents(pkg, 2);
        assertThat(records).hasSize(2);
        JsonNode attached = JSON.readTree(records.get(0).value());
        JsonNode removed = JSON.readTree(records.get(1).value());
        assertThat(attached.get("image_url").asText()).isEqualTo(imageUrl);
        assertThat(attached.get("event_id").asText()).isEqualTo(event.toString());
        assertThat(attached.get("package_id").asText()).isEqualTo(pkg.toString());
        assertThat(attached.get("message_id").asText()).isNotBlank();
        assertThat(attached.get("occurred_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(removed.get("image_url").isNull()).isTrue();
        assertThat(removed.get("version").asLong()).isGreaterThan(attached.get("version").asLong());
    }

    @Test
    void deletedPackageLosesItsImage() throws IOException {
        Catalog.knownPackage(event, pkg);
        String imageUrl = uploadAccepted(TestImages.png(8, 8), "image/png", "p.png");
        Catalog.announce(event, pkg, 2, true);

        long deadline = System.nanoTime() + 15_000_000_000L;
        int status = 200;
        while (status != 404 && System.nanoTime() < deadline) {
            Catalog.sleep(100);
            status = given().get(servedPath(imageUrl)).statusCode();
        }
        assertThat(status).isEqualTo(404);
        // The blob goes right after the record's commit, before the snapshot's offset is acknowledged.
        boolean blobExists = true;
        for (int i = 0; i < 50 && blobExists; i++) {
            blobExists = Blobs.exists(imageUrl);
            Catalog.sleep(blobExists ? 100 : 0);
        }
        assertThat(blobExists).as("blob of the deleted package").isFalse();
        upload(event, pkg, Tokens.coordinator(event), "p.png", TestImages.png(8, 8), "image/png").then()
                .statusCode(404).body("code", equalTo("package_not_found"));
        List<ConsumerRecord<String, String>> records = Catalog.imageEvents(pkg, 2);
        assertThat(JSON.readTree(records.get(records.size() - 1).value()).get("image_url").isNull()).isTrue();
    }

    @Test
    void ignoresAnOlderSnapshotThatArrivesLate() {
        Catalog.knownPackage(event, pkg);
        Catalog.announce(event, pkg, 5, true);
        Catalog.announce(event, pkg, 3, false);
        long deadline = System.nanoTime() + 15_000_000_000L;
        int status = 204;
        while (status != 404 && System.nanoTime() < deadline) {
            Catalog.sleep(100);
            status = given().auth().oauth2(Tokens.superAdmin()).delete(imagePath(event, pkg)).statusCode();
        }
        assertThat(status).isEqualTo(404);
        Catalog.sleep(500);
        given().auth().oauth2(Tokens.superAdmin()).delete(imagePath(event, pkg)).then().statusCode(404);
    }

    @Test
    void answersPackageNotFoundForUnknownPackageOrAnotherEvents() {
        upload(event, pkg, Tokens.coordinator(event), "p.png", TestImages.png(8, 8), "image/png").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("package_not_found"));
        UUID otherEvent = UUID.randomUUID();
        Catalog.knownPackage(otherEvent, pkg);
        upload(event, pkg, Tokens.superAdmin(), "p.png", TestImages.png(8, 8), "image/png").then()
                .statusCode(404).body("code", equalTo("package_not_found"));
        given().auth().oauth2(Tokens.superAdmin()).delete(imagePath(event, pkg)).then().statusCode(404)
                .body("code", equalTo("package_not_found"));
    }

    @Test
    void refusesUploadsWithoutTheRightToken() {
        byte[] png = TestImages.png(8, 8);
        given().multiPart("file", "p.png", png, "image/png").post(imagePath(event, pkg)).then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        upload(event, pkg, Tokens.donor(UUID.randomUUID()), "p.png", png, "image/png").then().statusCode(403)
                .body("code", equalTo("forbidden"));
        upload(event, pkg, Tokens.coordinator(UUID.randomUUID()), "p.png", png, "image/png").then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void answersNotFoundForUnknownImages() {
        given().get("/images/" + event + "/" + pkg + "/" + UUID.randomUUID() + ".png").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("not_found"));
        given().get("/images/" + event + "/" + pkg + "/../../etc.png").then().statusCode(404);
    }

    @Test
    void sendsUnreadableSnapshotToDeadLetterTopicAndKeepsConsuming() {
        String key = UUID.randomUUID().toString();
        Catalog.produceRaw(key, "{not json");
        // Other consumer groups of catalog.packages (a running stack's services) may dead-letter the same record too.
        assertThat(Catalog.records("catalog.packages.dlq", key, 1)).isNotEmpty();
        Catalog.knownPackage(event, pkg);
    }

    @Test
    void exposesOutboxLagMetric() {
        given().get(Operations.url("/q/metrics")).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("outbox_unpublished"));
    }

    private static boolean isRed(int rgb) {
        return (rgb >> 16 & 0xFF) > 200 && (rgb >> 8 & 0xFF) < 80 && (rgb & 0xFF) < 80;
    }
}
