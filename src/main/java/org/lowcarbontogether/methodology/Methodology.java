package org.lowcarbontogether.methodology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The methodology's public API: the published versions, held in memory, and the calculation under the current one.
 * <p>
 * Versions shipped with the platform ({@code classpath:methodology/*.json}) are stored as published on start-up; a
 * stored version whose content differs from the shipped file stops the start, because published versions never change.
 */
@Service
public class Methodology implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(Methodology.class);
    public static final String CODE = "LCT";

    private final MethodologyVersions versions;
    private final TransactionTemplate transactions;
    private volatile Map<SemanticVersion, MethodologyVersion> published = Map.of();

    Methodology(MethodologyVersions versions, TransactionTemplate transactions) {
        this.versions = versions;
        this.transactions = transactions;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        Resource[] bundled = new PathMatchingResourcePatternResolver().getResources("classpath*:methodology/*.json");
        for (Resource resource : bundled) {
            try (InputStream in = resource.getInputStream()) {
                MethodologyVersion version = MethodologyDocuments.read(in);
                storePublished(version);
            }
        }
        reload();
    }

    /** The latest published version: what new records are calculated with. */
    public MethodologyVersion current() {
        var latest = published.entrySet().stream().max(Map.Entry.comparingByKey());
        return latest.orElseThrow(() -> new IllegalStateException("No published methodology version")).getValue();
    }

    public Optional<MethodologyVersion> version(String version) {
        try {
            return Optional.ofNullable(published.get(SemanticVersion.parse(version)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Published and retired versions, newest first. */
    public List<MethodologyVersion> publishedVersions() {
        return published.entrySet().stream()
                .sorted(Map.Entry.<SemanticVersion, MethodologyVersion>comparingByKey().reversed())
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Calculates an activity under the current version; a pure, in-memory computation. */
    public Calculation calculate(ActivityInput input) {
        return Calculator.calculate(current(), input);
    }

    /** The canonical JSON form of a version, as stored and hashed. */
    public String toJson(MethodologyVersion version) {
        return MethodologyDocuments.write(version);
    }

    private void storePublished(MethodologyVersion version) {
        SemanticVersion.parse(version.version());
        MethodologyValidation.check(version);
        String document = toJson(version);
        String hash = sha256(document);
        transactions.executeWithoutResult(status -> {
            var stored = versions.find(version.code(), version.version());
            if (stored.isEmpty()) {
                versions.insertPublished(version.code(), version.version(), document, hash);
                log.info("Published bundled methodology {} {}", version.code(), version.version());
            } else if (!stored.get().contentHash().equals(hash)) {
                throw new IllegalStateException("Methodology " + version.code() + " " + version.version()
                        + " is published and differs from the bundled file; publish the change as a new version");
            }
        });
    }

    private void reload() {
        var loaded = new TreeMap<SemanticVersion, MethodologyVersion>(Comparator.naturalOrder());
        for (var stored : versions.published()) {
            loaded.put(SemanticVersion.parse(stored.version()), MethodologyDocuments.read(stored.document()));
        }
        published = Map.copyOf(loaded);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
