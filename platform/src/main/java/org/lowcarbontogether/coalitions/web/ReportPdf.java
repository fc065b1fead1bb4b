package org.lowcarbontogether.coalitions.web;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lowcarbontogether.coalitions.CoalitionPool;
import org.lowcarbontogether.coalitions.Coalitions;
import org.lowcarbontogether.coalitions.JointReports;
import org.lowcarbontogether.platform.CarbonFormat;
import org.lowcarbontogether.platform.Pdfs;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The joint report as a PDF in the reader's language (Noto Sans SC embedded by {@link Pdfs}), with the page's figures. */
@Component
class ReportPdf {

    private final Pdfs pdfs;
    private final MessageSource messages;
    private final CarbonFormat carbon;

    ReportPdf(Pdfs pdfs, MessageSource messages, CarbonFormat carbon) {
        this.pdfs = pdfs;
        this.messages = messages;
        this.carbon = carbon;
    }

    byte[] write(JointReports.Reading reading, List<Coalitions.JointCampaign> joint, Locale locale) {
        var pool = reading.pool();
        String title = pool.coalition().name() + " — " + text("coalitions.report.title", locale);
        var bytes = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4, 48, 48, 48, 56);
        var writer = PdfWriter.getInstance(document, bytes);
        document.addTitle(title);
        pdfs.numberPages(writer, title, locale);
        document.open();
        document.add(new Paragraph(title, pdfs.green(18)));
        document.add(new Paragraph(
                pool.from() == null
                        ? text("coalitions.noMembers", locale)
                        : text("coalitions.period", locale, pool.from(), pool.to()),
                pdfs.muted(9)));
        String summary = locale.getLanguage().equals("zh")
                ? reading.report().summaryZh()
                : reading.report().summaryEn();
        if (!summary.isBlank()) {
            heading(document, text("coalitions.report.summary", locale));
            document.add(new Paragraph(summary, pdfs.font(10)));
        }
        heading(document, text("coalitions.pool.title", locale));
        var measured = pool.measured();
        var figures = measured.figures();
        var rows = new ArrayList<List<String>>();
        rows.add(List.of(text("coalitions.figure", locale), text("coalitions.value", locale)));
        rows.add(List.of(
                text("coalitions.behaviours", locale),
                figures == null ? unknown(measured, locale) : String.valueOf(figures.behaviours())));
        rows.add(List.of(
                text("coalitions.reductionRecorded", locale),
                figures == null ? unknown(measured, locale) : carbon.kg(figures.gramsRecorded(), 1)));
        rows.add(List.of(
                text("coalitions.reductionRestated", locale),
                figures == null ? unknown(measured, locale) : carbon.kg(figures.gramsRestated(), 1)));
        rows.add(List.of(
                text("coalitions.participants", locale),
                figures == null ? unknown(measured, locale) : String.valueOf(figures.participants())));
        var outputs = pool.outputs();
        rows.add(List.of(text("coalitions.communities", locale), String.valueOf(outputs.communities())));
        rows.add(List.of(text("coalitions.campaigns", locale), String.valueOf(outputs.campaigns())));
        rows.add(List.of(text("coalitions.eventsHeld", locale), String.valueOf(outputs.eventsHeld())));
        rows.add(List.of(
                text("coalitions.trainingSessions", locale),
                String.valueOf(outputs.training().sessions())));
        rows.add(List.of(
                text("coalitions.projects", locale),
                String.valueOf(outputs.projects().size())));
        table(document, rows);
        heading(document, text("coalitions.shares.title", locale));
        var shares = new ArrayList<List<String>>();
        shares.add(List.of(
                text("coalitions.member", locale),
                text("coalitions.participants", locale),
                text("coalitions.reductionRestated", locale),
                text("coalitions.share", locale)));
        for (var share : pool.shares()) {
            var f = share.measured().figures();
            shares.add(List.of(
                    share.member().organisationName(),
                    f == null ? unknown(share.measured(), locale) : String.valueOf(f.participants()),
                    f == null ? unknown(share.measured(), locale) : carbon.kg(f.gramsRestated(), 1),
                    share.percentOfReduction() == null
                            ? text("coalitions.unknown", locale)
                            : share.percentOfReduction() + " %"));
        }
        table(document, shares);
        if (!joint.isEmpty()) {
            heading(document, text("coalitions.joint.title", locale));
            for (var campaign : joint) {
                var names = campaign.members().stream().map(m -> m.name()).toList();
                document.add(new Paragraph(
                        campaign.campaign().name() + (names.isEmpty() ? "" : " — " + String.join(", ", names)),
                        pdfs.font(10)));
            }
        }
        heading(document, text("coalitions.definitions.title", locale));
        document.add(new Paragraph(text("coalitions.definitions", locale, pool.minimumGroupSize()), pdfs.font(9)));
        document.add(new Paragraph(
                text("coalitions.methodology", locale)
                        + " "
                        + (pool.methodologyVersions().isEmpty()
                                ? text("coalitions.unknown", locale)
                                : String.join(", ", pool.methodologyVersions())),
                pdfs.font(9)));
        document.close();
        return bytes.toByteArray();
    }

    private void heading(Document document, String text) {
        var heading = new Paragraph(text, pdfs.bold(13));
        heading.setSpacingBefore(14);
        heading.setSpacingAfter(4);
        document.add(heading);
    }

    private void table(Document document, List<List<String>> rows) {
        var header = rows.getFirst();
        var table = new PdfPTable(header.size());
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSpacingBefore(6);
        for (int c = 0; c < header.size(); c++) {
            table.addCell(pdfs.header(header.get(c), 9, c > 0));
        }
        rows.subList(1, rows.size()).forEach(row -> row.forEach(v -> table.addCell(pdfs.cell(v, pdfs.font(8.5f)))));
        document.add(table);
    }

    private String unknown(CoalitionPool.Measured measured, Locale locale) {
        return text("coalitions.unknown." + measured.unknown().name(), locale);
    }

    private String text(String key, Locale locale, Object... args) {
        return java.util.Objects.requireNonNull(messages.getMessage(key, args, key, locale));
    }
}
