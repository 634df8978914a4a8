package org.opengateway.validation.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue of validation rule releases ({@code schemas/rule-releases.json}): for each release, its date of entry
 * into force and, per rule set, the files it is made of with their SHA-256.
 */
public record RuleCatalogue(List<Release> releases) {

    public record Release(String id, String title, LocalDate inForceFrom, List<RuleSet> ruleSets) {
    }

    /** The rules for one kind of document, chosen by the document's CustomizationID. */
    public record RuleSet(String id, List<String> customizationIds, List<Layer> layers) {
    }

    /** One schematron, compiled to XSLT: a file inside a Maven artefact on the classpath. */
    public record Layer(String name, String artefact, String resource, String sha256) {
    }

    public RuleCatalogue {
        releases = releases.stream().sorted(Comparator.comparing(Release::inForceFrom)).toList();
    }

    public static RuleCatalogue read(InputStream json) {
        try (json) {
            return JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(json, RuleCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rule catalogue: " + e.getMessage(), e);
        }
    }

    /**
     * The release in force on the clock's date (UTC): the newest one whose date has come, or the oldest one when
     * none has come yet.
     */
    public Optional<Release> inForce(Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        Release current = null;
        for (Release release : releases) {
            if (!release.inForceFrom().isAfter(today)) {
                current = release;
            }
        }
        return Optional.ofNullable(current).or(() -> releases.stream().findFirst());
    }
}
