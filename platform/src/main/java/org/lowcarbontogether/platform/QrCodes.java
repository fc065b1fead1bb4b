package org.lowcarbontogether.platform;

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
import org.jspecify.annotations.Nullable;

/** QR codes of links (ZXing) that people scan with a phone's camera: event check-ins, personal attendance codes. */
public final class QrCodes {

    private QrCodes() {}

    /** The code as a {@code data:} URI of its PNG, for an API answer or an {@code img} without another request. */
    public static String dataUri(String content, int size) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(content, size));
    }

    /**
     * The QR code of a link as a PNG, checked by reading it back. For a few contents (about 1 in 150 check-in links) the
     * mask the encoder picks by the standard's penalty rules gives a symbol ZXing's own reader cannot find; a code that
     * does not read back is drawn again with the next mask, so every code handed out is one a common reader reads.
     */
    public static byte[] png(String content, int size) {
        BitMatrix first = null;
        for (int mask = -1; mask < 8; mask++) {
            var hints = new HashMap<EncodeHintType, Object>(
                    Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            if (mask >= 0) {
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
            }
            BitMatrix matrix = encode(content, size, hints);
            if (first == null) {
                first = matrix;
            }
            if (content.equals(read(matrix))) {
                return write(matrix);
            }
        }
        return write(Objects.requireNonNull(first, "the first pass always draws a code"));
    }

    private static BitMatrix encode(String content, int size, Map<EncodeHintType, Object> hints) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalStateException("A link too long for a QR code: " + content.length() + " characters", e);
        }
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
