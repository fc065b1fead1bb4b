package org.lowcarbontogether.training.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The trainee's personal attendance code as a QR code (ZXing): a link the organiser's phone camera opens, which shows
 * the trainee and records their attendance at the session open now.
 */
final class TrainingCodes {

    private TrainingCodes() {}

    /** The address an organiser's phone opens when scanning a trainee's personal code. */
    static String scanUrl(UUID courseId, String personalCode) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/training/courses/{id}/scan")
                .queryParam("code", personalCode)
                .buildAndExpand(courseId)
                .toUriString();
    }

    static String dataUri(String content) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(content, 320));
    }

    /** The QR code as a PNG, checked by reading it back (drawn again with another mask when it does not read). */
    static byte[] png(String content, int size) {
        BitMatrix first = null;
        for (int mask = -1; mask < 8; mask++) {
            var hints = new HashMap<EncodeHintType, Object>(
                    Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            if (mask >= 0) {
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
            }
            BitMatrix matrix;
            try {
                matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, hints);
            } catch (WriterException e) {
                throw new IllegalStateException("A link too long for a QR code: " + content.length(), e);
            }
            if (first == null) {
                first = matrix;
            }
            if (content.equals(read(matrix))) {
                return write(matrix);
            }
        }
        return write(Objects.requireNonNull(first, "the first pass always draws a code"));
    }

    private static @Nullable String read(BitMatrix matrix) {
        var image = MatrixToImageWriter.toBufferedImage(matrix);
        try {
            return new MultiFormatReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                            Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)))
                    .getText();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static byte[] write(BitMatrix matrix) {
        try {
            var png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
