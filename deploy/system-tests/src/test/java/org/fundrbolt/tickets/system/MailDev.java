package org.fundrbolt.tickets.system;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** The local stack's SMTP server, read through MailDev's REST API (http://127.0.0.1:1080). */
final class MailDev {

    static final String URL = System.getProperty("maildev.url", "http://127.0.0.1:1080") + "/api";

    private MailDev() {
    }

    /** Every message MailDev holds that was sent to {@code address}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> to(String address) {
        List<Map<String, Object>> all = given().get(URL + "/email").then().statusCode(200).extract().path("$");
        return all.stream().filter(mail -> mail.get("envelope") instanceof Map<?, ?> envelope
                && ((List<Map<String, Object>>) envelope.get("to")).stream()
                        .anyMatch(to -> address.equalsIgnoreCase(String.valueOf(to.get("address")))))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attachments(Map<String, Object> mail) {
        Object attachments = mail.get("attachments");
        return attachments == null ? List.of() : (List<Map<String, Object>>) attachments;
    }

    static byte[] attachment(Map<String, Object> mail, Map<String, Object> attachment) {
        String name = String.valueOf(attachment.getOrDefault("generatedFileName", attachment.get("filename")));
        return given().get(URL + "/email/" + mail.get("id") + "/attachment/" + name).then().statusCode(200).extract()
                .asByteArray();
    }

    static String messageId(Map<String, Object> mail) {
        Object id = mail.get("messageId");
        if (id == null && mail.get("headers") instanceof Map<?, ?> headers) {
            id = headers.get("message-id");
        }
        return String.valueOf(id);
    }

    /**
     * The text of a QR image as the service renders it (upright, with its quiet zone): read as a pure barcode first,
     * then searched for harder. zxing's default search alone missed the finder patterns of a valid code now and then
     * (one stack test in many), which is the test's reader failing, not the ticket.
     */
    static String decodeQr(byte[] png) {
        BinaryBitmap bitmap;
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        } catch (Exception e) {
            throw new AssertionError("not a PNG image", e);
        }
        Exception last = null;
        for (Map<DecodeHintType, Object> hints : List.<Map<DecodeHintType, Object>>of(
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))) {
            try {
                return new MultiFormatReader().decode(bitmap, hints).getText();
            } catch (Exception e) {
                last = e;
            }
        }
        throw new AssertionError("not a readable QR code", last);
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a readable PDF", e);
        }
    }
}
