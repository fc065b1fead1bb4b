package org.lowcarbontogether.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Names;
import org.lowcarbontogether.platform.Pdfs;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Statements of a person's ledger for a period, as CSV (with everything a third party needs to check the hash chain
 * with {@link StatementVerifier}) and as PDF for people.
 */
@Service
public class Statements {

    private final Ledger ledger;
    private final Pdfs pdfs;
    private final MessageSource messages;
    private final Names names;

    Statements(Ledger ledger, Pdfs pdfs, MessageSource messages, Names names) {
        this.pdfs = pdfs;
        this.messages = messages;
        this.names = names;
        this.ledger = ledger;
    }

    /** A statement: the entries booked in the period and the balance before and after it. */
    public record Period(
            UUID userId,
            LocalDate from,
            LocalDate to,
            List<LedgerEntry> entries,
            long openingGrams,
            long closingGrams) {}

    public Period period(UUID userId, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ProgrammeCalendar.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ProgrammeCalendar.ZONE).toInstant();
        var entries = ledger.entriesBooked(userId, start, end);
        var before = ledger.entriesBooked(userId, Instant.EPOCH, start);
        long opening = before.stream().mapToLong(LedgerEntry::grams).sum();
        long closing = opening + entries.stream().mapToLong(LedgerEntry::grams).sum();
        return new Period(userId, from, to, entries, opening, closing);
    }

    public String csv(Period period) {
        var text = new StringWriter();
        try (var printer = new CSVPrinter(
                text, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord((Object[]) StatementVerifier.COLUMNS);
            for (LedgerEntry e : period.entries()) {
                printer.printRecord(
                        period.userId(),
                        e.sequence(),
                        e.id(),
                        e.kind(),
                        e.grams(),
                        text(e.recordId()),
                        e.behaviour(),
                        e.category(),
                        e.methodologyVersion(),
                        e.occurredAt(),
                        e.bookedAt(),
                        text(e.restatementId()),
                        text(e.reverses()),
                        e.reason() == null ? "" : e.reason(),
                        text(e.actorId()),
                        ledger.provenanceHash(period.userId(), e.id()),
                        e.previousHash(),
                        e.hash());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The statement as a PDF in the reader's language: the holder, the period and the balances, then every entry with
     * its behaviour in words, its kilograms aligned right, its methodology version and its hash; numbered pages.
     */
    public byte[] pdf(Period period, String holder, Locale locale) {
        var bytes = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 28, 28, 28, 40);
        var writer = PdfWriter.getInstance(document, bytes);
        String title = messages.getMessage("statement.pdf.title", null, locale);
        document.addTitle(title);
        pdfs.numberPages(writer, title + " · " + holder, locale);
        document.open();
        Font body = pdfs.font(9);
        document.add(new Paragraph(title, pdfs.green(16)));
        document.add(new Paragraph(
                messages.getMessage(
                        "statement.pdf.holder",
                        new Object[] {holder, period.userId().toString()},
                        locale),
                body));
        document.add(new Paragraph(
                messages.getMessage(
                        "statement.pdf.period",
                        new Object[] {
                            period.from().toString(),
                            period.to().toString(),
                            kg(period.openingGrams()),
                            kg(period.closingGrams())
                        },
                        locale),
                body));
        document.add(new Paragraph(messages.getMessage("statement.pdf.verify", null, locale), pdfs.muted(8)));
        document.add(new Paragraph(" ", body));
        var table = new PdfPTable(new float[] {3, 7, 5, 14, 5, 6, 18});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        String[] headings = {"#", "booked", "kind", "behaviour", "kg", "methodology", "hash"};
        for (String heading : headings) {
            table.addCell(pdfs.header(
                    messages.getMessage("statement.pdf.column." + heading, null, locale),
                    8,
                    heading.equals("#") || heading.equals("kg")));
        }
        var date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ProgrammeCalendar.ZONE);
        for (LedgerEntry e : period.entries()) {
            table.addCell(pdfs.cell(Long.toString(e.sequence()), body));
            table.addCell(pdfs.cell(date.format(e.bookedAt()), body));
            table.addCell(
                    pdfs.cell(messages.getMessage("statement.kind." + e.kind().name(), null, locale), body));
            table.addCell(pdfs.cell(names.behaviour(e.behaviour(), locale), body));
            table.addCell(pdfs.cell(kg(e.grams()), body));
            table.addCell(pdfs.cell(e.methodologyCode() + " " + e.methodologyVersion(), body));
            table.addCell(pdfs.cell(e.hash(), FontFactory.getFont(FontFactory.COURIER, 6)));
        }
        document.add(table);
        document.close();
        return bytes.toByteArray();
    }

    private static String kg(long grams) {
        return CarbonQuantity.ofGrams(grams).kilograms().toPlainString();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }
}
