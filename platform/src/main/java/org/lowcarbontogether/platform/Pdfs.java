package org.lowcarbontogether.platform;

import java.awt.Color;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Consumer;
import org.openpdf.text.BadElementException;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.FontMapper;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What every PDF of the platform shares: one font that carries both languages (Noto Sans SC, embedded as the subset a
 * document uses, so Chinese prints in any viewer), the green of the pages, numbers aligned right, a footer with the
 * page number ("Page 2 of 5", "第 2 页，共 5 页"), and charts drawn as vectors (JFreeChart through OpenPDF's Graphics2D,
 * in the same font).
 */
@Component
public class Pdfs {

    /** The pages' green, for headings and figures. */
    public static final Color GREEN = new Color(0x2e, 0x7d, 0x32);

    private final BaseFont font;
    private final java.awt.Font awtFont;
    private final MessageSource messages;

    Pdfs(MessageSource messages) {
        this.messages = messages;
        byte[] bytes;
        try (InputStream in = new ClassPathResource("fonts/NotoSansSC-Regular.ttf").getInputStream()) {
            bytes = in.readAllBytes();
            this.font = BaseFont.createFont(
                    "NotoSansSC-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
            this.awtFont = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
        } catch (IOException | FontFormatException e) {
            throw new UncheckedIOException(new IOException("The PDF font cannot be read", e));
        }
    }

    /** Body text. */
    public Font font(float size) {
        return new Font(font, size);
    }

    /** Headings: the same font, drawn bold. */
    public Font bold(float size) {
        return new Font(font, size, Font.BOLD);
    }

    /** Headings and figures in the platform's green. */
    public Font green(float size) {
        return new Font(font, size, Font.BOLD, GREEN);
    }

    /** Muted notes. */
    public Font muted(float size) {
        return new Font(font, size, Font.NORMAL, new Color(0x5b, 0x63, 0x6a));
    }

    /** A table cell; numbers (and a dash for unknown) are aligned right, everything else left. */
    public PdfPCell cell(String text, Font font) {
        var cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(isNumber(text) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        cell.setPadding(4);
        cell.setBorderColor(new Color(0xd5, 0xdb, 0xd3));
        return cell;
    }

    /** A header cell: bold on the pages' light green. */
    public PdfPCell header(String text, float size, boolean number) {
        var cell = new PdfPCell(new Phrase(text, bold(size)));
        cell.setHorizontalAlignment(number ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        cell.setBackgroundColor(new Color(0xe8, 0xf5, 0xe9));
        cell.setPadding(4);
        cell.setBorderColor(new Color(0xd5, 0xdb, 0xd3));
        return cell;
    }

    static boolean isNumber(String text) {
        String t = text.strip();
        return !t.isEmpty() && (t.equals("—") || t.matches("[-+≈~]?[\\d,. ]+(%| %|\\s?kg|\\s?t|\\s?g|\\s?km)?"));
    }

    /** Numbers every page at its foot: "{title} · Page 2 of 5". Register before the document is opened. */
    public void numberPages(PdfWriter writer, String title, Locale locale) {
        writer.setPageEvent(new PdfPageEventHelper() {
            // Made when the document opens (onOpenDocument), before any page ends.
            @SuppressWarnings("NullAway.Init")
            private PdfTemplate total;

            @Override
            public void onOpenDocument(PdfWriter writer, Document document) {
                total = writer.getDirectContent().createTemplate(40, 12);
            }

            @Override
            public void onEndPage(PdfWriter writer, Document document) {
                PdfContentByte canvas = writer.getDirectContent();
                String page = messages.getMessage("pdf.page", new Object[] {writer.getPageNumber()}, locale);
                float y = document.bottom() - 18;
                ColumnText.showTextAligned(
                        canvas, Element.ALIGN_LEFT, new Phrase(title, muted(7.5f)), document.left(), y, 0);
                float width = font.getWidthPoint(page, 7.5f);
                float x = document.right() - width - 40;
                ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(page, muted(7.5f)), x, y, 0);
                canvas.addTemplate(total, x + width + 2, y);
            }

            @Override
            public void onCloseDocument(PdfWriter writer, Document document) {
                String of = messages.getMessage("pdf.pageTotal", new Object[] {writer.getPageNumber() - 1}, locale);
                total.beginText();
                total.setFontAndSize(font, 7.5f);
                total.setColorFill(new Color(0x5b, 0x63, 0x6a));
                total.showText(of);
                total.endText();
            }
        });
    }

    /**
     * A chart (or any drawing) as vectors, {@code width} × {@code height} points, in the documents' font: {@code
     * draw} gets a Graphics2D and the area to fill. Returns an image to add where the chart belongs.
     */
    public Image drawing(PdfWriter writer, float width, float height, Consumer<DrawingArea> draw) {
        PdfTemplate template = writer.getDirectContent().createTemplate(width, height);
        Graphics2D graphics = template.createGraphics(width, height, new FontMapper() {
            @Override
            public BaseFont awtToPdf(java.awt.Font awt) {
                return font;
            }

            @Override
            public java.awt.Font pdfToAwt(BaseFont pdf, int size) {
                return awtFont.deriveFont((float) size);
            }
        });
        try {
            draw.accept(new DrawingArea(graphics, new Rectangle2D.Double(0, 0, width, height), awtFont));
        } finally {
            graphics.dispose();
        }
        try {
            return Image.getInstance(template);
        } catch (BadElementException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a drawing goes, and the font to write its labels in. */
    public record DrawingArea(Graphics2D graphics, Rectangle2D area, java.awt.Font font) {}
}
