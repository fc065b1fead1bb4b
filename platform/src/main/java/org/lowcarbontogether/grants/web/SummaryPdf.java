package org.lowcarbontogether.grants.web;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.lowcarbontogether.platform.Pdfs;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

/**
 * The executive summary as a PDF in the reader's language: title, period, sections of paragraphs, tables with numbers
 * aligned right, bar charts of the figures (JFreeChart, drawn as vectors), numbered pages.
 */
@Component
class SummaryPdf {

    /** One section: a heading, paragraphs, an optional chart and an optional table (its first row the header). */
    record Section(String heading, List<String> paragraphs, List<List<String>> table, List<Chart> charts) {

        Section(String heading, List<String> paragraphs, List<List<String>> table) {
            this(heading, paragraphs, table, List.of());
        }
    }

    /** A bar chart: its title, the axis titles, and one bar per label. */
    record Chart(String title, String categoryAxis, String valueAxis, List<String> labels, List<Number> values) {}

    private final Pdfs pdfs;

    SummaryPdf(Pdfs pdfs) {
        this.pdfs = pdfs;
    }

    byte[] write(String title, String subtitle, List<Section> sections, Locale locale) {
        var bytes = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4, 48, 48, 48, 56);
        var writer = PdfWriter.getInstance(document, bytes);
        document.addTitle(title);
        pdfs.numberPages(writer, title, locale);
        document.open();
        document.add(new Paragraph(title, pdfs.green(18)));
        document.add(new Paragraph(subtitle, pdfs.muted(9)));
        for (var section : sections) {
            var heading = new Paragraph(section.heading(), pdfs.bold(13));
            heading.setSpacingBefore(14);
            heading.setSpacingAfter(4);
            document.add(heading);
            for (var paragraph : section.paragraphs()) {
                var p = new Paragraph(paragraph, pdfs.font(10));
                p.setSpacingAfter(4);
                p.setLeading(15);
                document.add(p);
            }
            for (var chart : section.charts()) {
                if (chart.values().isEmpty()) {
                    continue;
                }
                var image = pdfs.drawing(writer, document.right() - document.left(), 200, area -> draw(chart, area));
                image.setAlignment(Element.ALIGN_CENTER);
                image.setSpacingBefore(6);
                document.add(image);
            }
            if (!section.table().isEmpty()) {
                var header = section.table().getFirst();
                var table = new PdfPTable(header.size());
                table.setWidthPercentage(100);
                table.setHeaderRows(1);
                table.setSpacingBefore(6);
                var firstRow = section.table().size() > 1 ? section.table().get(1) : header;
                for (int c = 0; c < header.size(); c++) {
                    table.addCell(
                            pdfs.header(header.get(c), 9, c > 0 && c < firstRow.size() && isNumeric(firstRow.get(c))));
                }
                for (var row : section.table().subList(1, section.table().size())) {
                    row.forEach(value -> table.addCell(pdfs.cell(value, pdfs.font(8.5f))));
                }
                document.add(table);
            }
        }
        document.close();
        return bytes.toByteArray();
    }

    private static boolean isNumeric(String value) {
        return value.strip().matches("[-—¥\\d,. ]+");
    }

    private static void draw(Chart chart, Pdfs.DrawingArea area) {
        var data = new DefaultCategoryDataset();
        for (int i = 0; i < chart.labels().size(); i++) {
            data.addValue(
                    chart.values().get(i), chart.valueAxis(), chart.labels().get(i));
        }
        var categories = new CategoryAxis(chart.categoryAxis());
        var values = new NumberAxis(chart.valueAxis());
        var renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Pdfs.GREEN);
        renderer.setMaximumBarWidth(0.08);
        var plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd5, 0xdb, 0xd3));
        plot.setOutlineVisible(false);
        Font font = area.font();
        categories.setLabelFont(font.deriveFont(9f));
        categories.setTickLabelFont(font.deriveFont(8f));
        if (chart.labels().size() > 6) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        values.setLabelFont(font.deriveFont(9f));
        values.setTickLabelFont(font.deriveFont(8f));
        var jfree = new JFreeChart(chart.title(), font.deriveFont(Font.BOLD, 11f), plot, false);
        jfree.setBackgroundPaint(Color.WHITE);
        jfree.draw(area.graphics(), area.area());
    }
}
