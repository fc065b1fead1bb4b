package org.lowcarbontogether;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The ASVS 5.0 mapping in {@code docs/security/asvs-5.0-l2.csv} against the official list: every level 1 and 2
 * requirement is there once, with a known status; whatever is not plainly met says why; every test it names exists.
 */
class AsvsChecklistTests {

    private static final Set<String> STATUSES = Set.of("met", "partial", "gap", "not-applicable");

    @Test
    void everyLevelOneAndTwoRequirementIsMappedToCodeAndTests() throws IOException {
        Map<String, CSVRecord> official = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(
                Path.of("src/test/resources/security/OWASP_Application_Security_Verification_Standard_5.0.0_en.csv"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .get()
                    .parse(in)) {
                if (row.get("L").equals("1") || row.get("L").equals("2")) {
                    official.put(row.get("req_id"), row);
                }
            }
        }
        assertThat(official).hasSize(253);

        List<String> problems = new ArrayList<>();
        Map<String, CSVRecord> mapped = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(Path.of("../docs/security/asvs-5.0-l2.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .get()
                    .parse(in)) {
                if (mapped.put(row.get("req_id"), row) != null) {
                    problems.add(row.get("req_id") + " mapped twice");
                }
            }
        }
        for (String id : official.keySet()) {
            CSVRecord row = mapped.get(id);
            if (row == null) {
                problems.add(id + " not mapped");
                continue;
            }
            String status = row.get("status");
            String verifiedBy = row.get("verified_by").strip();
            if (!STATUSES.contains(status)) {
                problems.add(id + " has unknown status " + status);
            }
            if (!row.get("level").equals(official.get(id).get("L"))) {
                problems.add(id + " has level " + row.get("level") + ", the standard says "
                        + official.get(id).get("L"));
            }
            boolean explained = !row.get("note").isBlank();
            if ((!status.equals("met") || verifiedBy.equals("review")) && !explained) {
                problems.add(id + " (" + status + ", " + verifiedBy + ") has no note");
            }
            if ((status.equals("met") || status.equals("partial"))
                    && (verifiedBy.isEmpty() || row.get("implementation").isBlank())) {
                problems.add(id + " is " + status + " without implementation or verification");
            }
            for (String test : verifiedBy.split(";\\s*")) {
                if (!test.isBlank() && !test.equals("review")) {
                    exists(test).ifPresent(problems::add);
                }
            }
        }
        mapped.keySet().stream()
                .filter(id -> !official.containsKey(id))
                .forEach(id -> problems.add(id + " is not a level 1 or 2 requirement"));
        assertThat(problems).isEmpty();
    }

    /** A problem if {@code Class#method} does not name a test method that exists. */
    private static java.util.Optional<String> exists(String test) {
        int hash = test.indexOf('#');
        if (hash < 0) {
            return java.util.Optional.of(test + " names no method");
        }
        try {
            Class<?> type = Class.forName(test.substring(0, hash));
            String method = test.substring(hash + 1);
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (var m : c.getDeclaredMethods()) {
                    if (m.getName().equals(method)) {
                        return java.util.Optional.empty();
                    }
                }
            }
            return java.util.Optional.of(test + ": no such method");
        } catch (ClassNotFoundException e) {
            return java.util.Optional.of(test + ": no such class");
        }
    }
}
