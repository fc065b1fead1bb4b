package org.lowcarbontogether.grants.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The executive summary as a PDF (OpenPDF). Chinese needs a CJK font: the one configured in {@code lct.pdf.cjk-font}
 * (by default Debian's WenQuanYi Micro Hei) is embedded when present; without it the PDF is written in English.
 */
@Component
class SummaryPdf {

    /** One section: a heading and paragraphs, or a table. */
    record Section(String heading, List<String> paragraphs, List<List<String>> table) {}

    private final String cjkFont;

    SummaryPdf(@Value("${lct.pdf.cjk-font:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}") String cjkFont) {
        this.cjkFont = cjkFont;
    }

    /** Whether the PDF can be written in this language here. */
    boolean supports(Locale locale) {
        return !locale.getLanguage().equals("zh") || Files.isReadable(Path.of(cjkFont));
    }

    byte[] write(String title, String subtitle, List<Section> sections, Locale locale) {
        var bytes = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4, 48, 48, 48, 48);
        PdfWriter.getInstance(document, bytes);
        document.addTitle(title);
        document.open();
        Function<Float, Font> font = size -> {
            if (locale.getLanguage().equals("zh")) {
                try {
                    return new Font(BaseFont.createFont(cjkFont + ",0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED), size);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return FontFactory.getFont(FontFactory.HELVETICA, size);
        };
        document.add(new Paragraph(title, font.apply(18f)));
        document.add(new Paragraph(subtitle, font.apply(9f)));
        for (var section : sections) {
            var heading = new Paragraph(section.heading(), font.apply(13f));
            heading.setSpacingBefore(14);
            heading.setSpacingAfter(4);
            document.add(heading);
            for (var paragraph : section.paragraphs()) {
                var p = new Paragraph(paragraph, font.apply(10f));
                p.setSpacingAfter(4);
                document.add(p);
            }
            if (!section.table().isEmpty()) {
                var table = new PdfPTable(section.table().getFirst().size());
                table.setWidthPercentage(100);
                for (int r = 0; r < section.table().size(); r++) {
                    for (var value : section.table().get(r)) {
                        table.addCell(new PdfPCell(new Phrase(value, font.apply(r == 0 ? 9f : 8.5f))));
                    }
                }
                document.add(table);
            }
        }
        document.close();
        return bytes.toByteArray();
    }
}
