package org.lowcarbontogether.grants.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.lowcarbontogether.platform.CsvCells;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A table behind a chart, as CSV (Commons CSV) or XLSX (Apache POI), with numbers kept as numbers. */
final class ReportExports {

    record Table(String name, List<String> header, List<List<Object>> rows) {}

    private ReportExports() {}

    static ResponseEntity<byte[]> csv(Table table) {
        var out = new StringWriter();
        try (var csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(table.header().toArray(String[]::new))
                        .get())) {
            for (var row : table.rows()) {
                csv.printRecord(row.stream().map(CsvCells::safe).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return download(
                table.name() + ".csv",
                new MediaType("text", "csv", StandardCharsets.UTF_8),
                out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static ResponseEntity<byte[]> xlsx(Table table) {
        try (var workbook = new XSSFWorkbook();
                var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet(
                    table.name().length() > 31 ? table.name().substring(0, 31) : table.name());
            var header = sheet.createRow(0);
            for (int c = 0; c < table.header().size(); c++) {
                header.createCell(c).setCellValue(table.header().get(c));
            }
            for (int r = 0; r < table.rows().size(); r++) {
                var row = sheet.createRow(r + 1);
                var values = table.rows().get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    var cell = row.createCell(c);
                    if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else if (value != null) {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return download(
                    table.name() + ".xlsx",
                    MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<byte[]> download(String filename, MediaType type, byte[] body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
    }
}
