package org.lowcarbontogether.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Service;

/**
 * Statements of a person's ledger for a period, as CSV (with everything a third party needs to check the hash chain
 * with {@link StatementVerifier}) and as PDF for people.
 */
@Service
public class Statements {

    static final ZoneId PROGRAMME_ZONE = ZoneId.of("Asia/Shanghai");

    private final Ledger ledger;

    Statements(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A statement: the entries booked in the period and the balance before and after it. */
    public record Period(UUID userId, LocalDate from, LocalDate to, List<LedgerEntry> entries, long openingGrams, long closingGrams) {}

    public Period period(UUID userId, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(PROGRAMME_ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(PROGRAMME_ZONE).toInstant();
        var entries = ledger.entriesBooked(userId, start, end);
        var before = ledger.entriesBooked(userId, Instant.EPOCH, start);
        long opening = before.stream().mapToLong(LedgerEntry::grams).sum();
        long closing = opening + entries.stream().mapToLong(LedgerEntry::grams).sum();
        return new Period(userId, from, to, entries, opening, closing);
    }

    public String csv(Period period) {
        var text = new StringWriter();
        try (var printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord((Object[]) StatementVerifier.COLUMNS);
            for (LedgerEntry e : period.entries()) {
                printer.printRecord(period.userId(), e.sequence(), e.id(), e.kind(), e.grams(), text(e.recordId()), e.behaviour(),
                        e.category(), e.methodologyVersion(), e.occurredAt(), e.bookedAt(), text(e.restatementId()), text(e.reverses()),
                        e.reason() == null ? "" : e.reason(), text(e.actorId()), ledger.provenanceHash(period.userId(), e.id()),
                        e.previousHash(), e.hash());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public byte[] pdf(Period period, String holder) {
        var bytes = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        PdfWriter.getInstance(document, bytes);
        document.open();
        Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
        Font body = FontFactory.getFont(FontFactory.HELVETICA, 9);
        Font small = FontFactory.getFont(FontFactory.COURIER, 6);
        // The standard PDF fonts carry no Chinese glyphs, so the PDF is in English; the CSV and pages are bilingual.
        document.add(new Paragraph("Low Carbon Together - carbon account statement", title));
        document.add(new Paragraph("Account holder: " + ascii(holder) + "   Account: " + period.userId(), body));
        document.add(new Paragraph("Period: " + period.from() + " to " + period.to() + " (China Standard Time)   Opening balance: "
                + kg(period.openingGrams()) + " kg CO2e   Closing balance: " + kg(period.closingGrams()) + " kg CO2e", body));
        document.add(new Paragraph("Each entry's hash covers the previous entry's hash and the entry itself; verify the CSV "
                + "statement with the platform's StatementVerifier.", body));
        document.add(new Paragraph(" ", body));
        var table = new PdfPTable(new float[] {3, 7, 6, 12, 5, 6, 18});
        table.setWidthPercentage(100);
        for (String heading : new String[] {"#", "Booked", "Kind", "Behaviour", "kg CO2e", "Methodology", "Hash"}) {
            PdfPCell cell = new PdfPCell(new Phrase(heading, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8)));
            cell.setHorizontalAlignment(Element.ALIGN_LEFT);
            table.addCell(cell);
        }
        var date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PROGRAMME_ZONE);
        for (LedgerEntry e : period.entries()) {
            table.addCell(new Phrase(Long.toString(e.sequence()), body));
            table.addCell(new Phrase(date.format(e.bookedAt()), body));
            table.addCell(new Phrase(e.kind().name(), body));
            table.addCell(new Phrase(e.behaviour(), body));
            PdfPCell grams = new PdfPCell(new Phrase(kg(e.grams()), body));
            grams.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(grams);
            table.addCell(new Phrase(e.methodologyCode() + " " + e.methodologyVersion(), body));
            table.addCell(new Phrase(e.hash(), small));
        }
        document.add(table);
        document.close();
        return bytes.toByteArray();
    }

    private static String kg(long grams) {
        return java.math.BigDecimal.valueOf(grams, 3).toPlainString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Names are printed in the PDF's Latin fonts; other characters become '?'. */
    private static String ascii(String text) {
        return text.chars().map(c -> c < 128 ? c : '?').collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
