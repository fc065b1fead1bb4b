package org.lowcarbontogether.products.web;

import org.lowcarbontogether.products.Products;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A stored document as a download: its checked type, never shown inline, never sniffed. */
final class Downloads {

    private Downloads() {}

    static ResponseEntity<byte[]> of(Products.Document document) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(document.name(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(document.content());
    }
}
