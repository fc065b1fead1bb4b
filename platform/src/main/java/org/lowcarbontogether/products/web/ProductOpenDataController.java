package org.lowcarbontogether.products.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.products.Products;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Open data of the registry's reviewed claims, as JSON and CSV, for journalists and researchers. */
@RestController
@Tag(name = "Green products")
class ProductOpenDataController {

    private static final String[] COLUMNS = {
        "gtin",
        "product",
        "brand",
        "enterprise",
        "category",
        "kind",
        "status",
        "label_scheme",
        "grade",
        "certificate_number",
        "footprint_kg_co2e_per_kg",
        "system_boundary",
        "standard",
        "data_year",
        "verifier",
        "reviewed_by",
        "verified_at",
        "expires_at",
        "challenges",
        "open_challenges"
    };

    private final Products products;

    ProductOpenDataController(Products products) {
        this.products = products;
    }

    @GetMapping("/api/v1/open-data/products")
    @Operation(summary = "Open data: every reviewed product claim (verified, expired or disputed) with its challenges")
    List<Products.OpenClaim> json() {
        return products.openData();
    }

    @GetMapping(value = "/api/v1/open-data/products.csv", produces = "text/csv")
    @Operation(summary = "Open data: every reviewed product claim, as CSV")
    ResponseEntity<String> csv() {
        var text = new StringWriter();
        try (var printer = new CSVPrinter(
                text, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            for (var c : products.openData()) {
                printer.printRecord(CsvCells.safe(
                        c.gtin(),
                        c.product(),
                        c.brand(),
                        c.enterprise(),
                        c.category(),
                        c.kind(),
                        c.status(),
                        c.labelScheme(),
                        c.grade(),
                        c.certificateNumber(),
                        c.footprintKgPerKg() == null
                                ? null
                                : c.footprintKgPerKg().toPlainString(),
                        c.systemBoundary(),
                        c.standard(),
                        c.dataYear(),
                        c.verifier(),
                        c.reviewedBy(),
                        c.verifiedAt(),
                        c.expiresAt(),
                        c.challenges(),
                        c.openChallenges()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"product-claims.csv\"")
                .body(text.toString());
    }
}
