package org.lowcarbontogether.account.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Locale;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.DataExport;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A person's archive as a download, for the page and the API: the temporary file is deleted once it has been sent. */
final class DataDownloads {

    private DataDownloads() {}

    static ResponseEntity<Resource> archive(DataExport exports, AuthenticatedUser me, Locale locale) {
        Path zip = exports.export(me, locale);
        try {
            long size = Files.size(zip);
            var content = new InputStreamResource(Files.newInputStream(zip, StandardOpenOption.DELETE_ON_CLOSE));
            String name = "low-carbon-together-my-data-" + LocalDate.now(ProgrammeCalendar.ZONE) + ".zip";
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/zip"))
                    .contentLength(size)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(name)
                                    .build()
                                    .toString())
                    .body(content);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException ignored) {
                // the operating system's temporary directory is cleaned in the end
            }
            throw new UncheckedIOException(e);
        }
    }
}
