package org.lowcarbontogether.platform;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;

/**
 * Photos people upload (a story's, a receipt, a product's), checked by their content, never by its name or declared type: it must decode as JPEG or PNG, weigh at
 * most 5 MB, measure 64–8,000 pixels a side and at most 40 megapixels (read from the header before decoding, so a
 * decompression bomb is refused cheaply). A photo is decoded subsampled, never at full size: at most 3,200 pixels a side
 * reach memory (about 40 MB at worst), and at most two photos are decoded at once. Accepted photos are re-encoded at
 * most 1,600 pixels a side, which drops every piece of metadata — a phone photo's GPS position included.
 */
public final class Photos {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MIN_SIDE = 64;
    static final int MAX_SIDE = 8_000;
    static final int STORED_SIDE = 1_600;
    static final long MAX_PIXELS = 40_000_000L;
    private static final Semaphore DECODING = new Semaphore(2);
    private static final Set<String> FORMATS = Set.of("jpeg", "png");

    public record Processed(String contentType, int width, int height, byte[] bytes, String sha256) {}

    private Photos() {}

    /** The photo checked and re-encoded without metadata, or refused naming {@code field} ({@code photo-*} codes). */
    public static Processed process(byte[] upload, String field) {
        if (upload.length == 0) {
            throw Refusal.unacceptable("photo-empty", field);
        }
        if (upload.length > MAX_BYTES) {
            throw Refusal.unacceptable("photo-too-large", field, MAX_BYTES / (1024 * 1024));
        }
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            var readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw Refusal.unacceptable("photo-type", field);
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw Refusal.unacceptable("photo-type", field);
                }
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (Math.min(width, height) < MIN_SIDE || Math.max(width, height) > MAX_SIDE) {
                    throw Refusal.unacceptable("photo-dimensions", field, MIN_SIDE, MAX_SIDE, width, height);
                }
                if ((long) width * height > MAX_PIXELS) {
                    throw Refusal.unacceptable("photo-pixels", field, MAX_PIXELS / 1_000_000, width, height);
                }
                // Every n-th pixel of every n-th row: the decoded image is 1,600 to 3,200 pixels on its longest side.
                int step = Math.max(1, Math.max(width, height) / STORED_SIDE);
                var param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                if (!DECODING.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new Refusal(Refusal.Kind.BUSY, "photo-busy", field);
                }
                try {
                    BufferedImage image = reader.read(0, param);
                    return encode(
                            scaled(image),
                            format.equals("png") && image.getColorModel().hasAlpha());
                } finally {
                    DECODING.release();
                }
            } finally {
                reader.dispose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(Refusal.Kind.BUSY, "photo-busy", field);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refusal problem) {
                throw problem;
            }
            throw Refusal.unacceptable("photo-unreadable", field);
        }
    }

    private static BufferedImage scaled(BufferedImage image) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        double scale = longest > STORED_SIDE ? (double) STORED_SIDE / longest : 1.0;
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        boolean alpha = image.getColorModel().hasAlpha();
        var out = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Processed encode(BufferedImage image, boolean png) throws IOException {
        var bytes = new ByteArrayOutputStream();
        if (png) {
            ImageIO.write(image, "png", bytes);
        } else {
            var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (var output = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(output);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        }
        byte[] stored = bytes.toByteArray();
        return new Processed(
                png ? "image/png" : "image/jpeg", image.getWidth(), image.getHeight(), stored, Hashes.sha256(stored));
    }
}
