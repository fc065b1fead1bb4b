package org.lowcarbontogether.events.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The check-in link of an event and its QR code (ZXing), which attendees scan with their phone's camera. */
final class EventCodes {

    private EventCodes() {}

    /** The absolute check-in address, on the host the organiser is using. */
    static String checkInUrl(UUID eventId, String code) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/events/{id}/check-in")
                .queryParam("code", code)
                .buildAndExpand(eventId)
                .toUriString();
    }

    static byte[] png(String content, int size) {
        try {
            var matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            var png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("A check-in link too long for a QR code: " + content.length() + " characters", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
