package org.fundrbolt.tickets.purchase.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.fundrbolt.tickets.purchase.domain.Purchase;
import org.fundrbolt.tickets.purchase.domain.Ticket;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Documents made from a purchase with well-kept libraries: QR code images (ZXing) and the donor's
 * receipt (Apache PDFBox). CPU-bound: callers run it on a worker thread.
 */
@ApplicationScoped
public class DocumentRenderer {

    public byte[] qrPng(String token) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(token, BarcodeFormat.QR_CODE, 360, 360,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("cannot render a QR code", e);
        }
    }

    public byte[] receiptPdf(Purchase purchase, String packageName, String currency) {
        List<String> lines = new ArrayList<>();
        lines.add("Purchase " + purchase.id());
        lines.add("Date: " + purchase.createdAt());
        lines.add("Event: " + purchase.eventId());
        lines.add("Package: " + packageName + " (" + purchase.packageId() + ")");
        lines.add("Quantity: " + purchase.quantity());
        lines.add("Unit price: " + money(purchase.unitPrice(), currency));
        lines.add("Base price: " + money(purchase.basePrice(), currency));
        lines.add("Discount: " + money(purchase.discountAmount(), currency)
                + (purchase.promoCode() == null ? "" : " (code " + purchase.promoCode() + ")"));
        if (purchase.donationAmount().signum() > 0) {
            lines.add("Donation: " + money(purchase.donationAmount(), currency));
        }
        lines.add("Total paid: " + money(purchase.totalPrice(), currency) + switch (purchase.terms().payment()) {
            case "complimentary" -> " (complimentary)";
            case "offline" -> " (paid offline)";
            default -> "";
        });
        boolean corrected = !purchase.cancellations().isEmpty();
        if (corrected) {
            lines.add("Refunded: " + money(purchase.refundedAmount(), currency));
            lines.add("Net paid: " + money(purchase.totalPrice().subtract(purchase.refundedAmount()), currency));
        }
        lines.add("Tax-deductible amount: " + (purchase.taxDeductibleAmount() == null
                ? "not stated (the fair market value of the package was not given)"
                : money(purchase.taxDeductibleAmount(), currency)));
        if (corrected) {
            lines.add("");
            lines.add("Corrections:");
            for (var cancellation : purchase.cancellations()) {
                lines.add("  " + cancellation.createdAt() + "  " + cancellation.ticketIds().size() + " seat(s) "
                        + (cancellation.kind().equals("release")
                                ? "given back to the charity (no refund; their value is now a gift)"
                                : "cancelled, refund " + money(cancellation.refundAmount(), currency)));
            }
        }
        lines.add("");
        lines.add("Tickets:");
        for (Ticket ticket : purchase.tickets()) {
            lines.add("  " + ticket.ticketNumber() + (ticket.cancelled() ? "  (cancelled)" : "")
                    + (ticket.guestName() == null ? "" : "  guest: " + ticket.guestName()));
        }
        try (PDDocument document = new PDDocument()) {
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDPageContentStream content = new PDPageContentStream(document, page);
            content.beginText();
            content.setFont(bold, 18);
            content.newLineAtOffset(56, 780);
            content.showText(purchase.cancellations().isEmpty()
                    ? "FundrBolt Tickets - Receipt"
                    : "FundrBolt Tickets - Corrected receipt");
            content.setFont(regular, 11);
            content.setLeading(16);
            content.newLine();
            content.newLine();
            float y = 780 - 32;
            for (String line : lines) {
                if (y < 60) {
                    content.endText();
                    content.close();
                    page = new PDPage(PDRectangle.A4);
                    document.addPage(page);
                    content = new PDPageContentStream(document, page);
                    content.beginText();
                    content.setFont(regular, 11);
                    content.setLeading(16);
                    content.newLineAtOffset(56, 780);
                    y = 780;
                }
                content.showText(sanitise(line));
                content.newLine();
                y -= 16;
            }
            content.endText();
            content.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.toPlainString() + " " + currency;
    }

    /** The standard PDF fonts know WinAnsi only: anything else becomes '?', never a failure. */
    private static String sanitise(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7F ? (char) cp : '?'));
        return out.toString();
    }
}
