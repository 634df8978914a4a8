package org.opengateway.reporting;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.sf.saxon.s9api.Processor;
import org.opengateway.reporting.ReportingItem.Direction;

/**
 * Prints how long building and validating a month's TSR and EUSR take for a busy month (items spread over 200 other
 * access points, 6 document types, 25 countries and 20,000 end users), and how large the reports are. Not a test.
 *
 * <pre>
 * mvn -o -q -pl gateway test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=org.opengateway.reporting.ReportingBenchmark -Dexec.classpathScope=test -Dexec.args=100000
 * </pre>
 */
public final class ReportingBenchmark {

    private ReportingBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(42);
        String[] countries = "SE NO DK FI DE NL BE FR IT ES PL AT IE PT CZ GR HU RO BG HR SI SK LT LV EE".split(" ");
        List<ReportingItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean sent = random.nextBoolean();
            items.add(new ReportingItem(sent ? Direction.SENT : Direction.RECEIVED,
                    OffsetDateTime.of(2026, 10, 1 + random.nextInt(28), 12, 0, 0, 0, ZoneOffset.UTC), "PSE000002",
                    String.format(Locale.ROOT, "PDE%06d", random.nextInt(200)),
                    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:example:" + random.nextInt(6)
                            + "::2.1", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", ReportingItems.TRANSPORT_PROFILE,
                    countries[random.nextInt(countries.length)], sent ? null : countries[random.nextInt(countries.length)],
                    "0007:" + (5_500_000_000L + random.nextInt(20_000))));
        }
        ReportValidator rules = new ReportValidator(new Processor(false));
        for (int round = 0; round < 3; round++) {
            for (ReportKind kind : ReportKind.values()) {
                long start = System.nanoTime();
                byte[] report = StatisticsReports.build(kind, YearMonth.of(2026, 10), "PSE000002", items);
                long built = System.nanoTime();
                int findings = rules.check(kind, report).size();
                long checked = System.nanoTime();
                System.out.printf(Locale.ROOT, "round %d %s: %,d items, %,d bytes, built in %d ms, validated in %d ms,"
                        + " %d findings%n", round + 1, kind, count, report.length, (built - start) / 1_000_000,
                        (checked - built) / 1_000_000, findings);
            }
        }
    }
}
