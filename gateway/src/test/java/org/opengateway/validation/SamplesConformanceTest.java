package org.opengateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opengateway.testing.Engines;

/**
 * The official Peppol BIS 3 example invoices are all valid, the SB-* ones under the self-billing rules. They are not
 * part of this project: give their folder with {@code -Dconformance.samples=DIR}; without it this test does not run,
 * and the test report says so.
 */
@EnabledIfSystemProperty(named = "conformance.samples", matches = ".+",
        disabledReason = "not run: give the folder of the official Peppol examples with -Dconformance.samples=DIR")
class SamplesConformanceTest {

    static Stream<Path> samples() throws IOException {
        Path folder = Path.of(System.getProperty("conformance.samples"));
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> xml = files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
            assertThat(xml).as("examples in " + folder).isNotEmpty();
            return xml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void isValid(Path sample) throws IOException {
        ValidationReport report = Engines.today().check(Files.readAllBytes(sample), false).report();
        assertThat(report.findings()).as(report.toString()).noneMatch(f -> f.severity() == Severity.FATAL);
        String expected = sample.getFileName().toString().startsWith("SB-") ? "peppol-selfbilling-2026.5"
                : "peppol-billing-2026.5";
        assertThat(report.ruleset()).isEqualTo(expected);
    }
}
