package org.opengateway.benchmark;

import com.helger.diagnostics.error.IError;
import com.helger.io.resource.inmemory.ReadableResourceByteArray;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation2026_05;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.opengateway.validation.DocumentValidation;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationReport;
import org.opengateway.validation.Validators;
import org.opengateway.testing.TestInvoices;
import org.opengateway.testing.TestInvoices.Vat;

/**
 * Validates the official Peppol examples and as many invalid invoices of our own with our engine and with phive
 * ({@code PeppolValidation2026_05}, the reference most access points use) in the same run; checks that both give the
 * same fatal rule ids for every file; and prints invoices per second on one thread and on all cores, the ratio, and
 * the peak heap. Nothing is cached by content: every round validates the bytes afresh.
 *
 * <pre>
 * mvn -q package -DskipTests
 * mvn -q -pl gateway exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.opengateway.benchmark.ValidationBenchmark -Dexec.args=PATH/TO/peppol-bis3
 * </pre>
 * Optional second and third arguments: seconds of warm-up and of each measurement (default 20 and 20).
 */
public final class ValidationBenchmark {

    private record Doc(String name, byte[] bytes) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-cli.xml"); // libraries only warn: logging costs time
        if (args.length < 1) {
            System.err.println("Give the folder of the official Peppol BIS 3 examples as the first argument.");
            System.exit(2);
        }
        int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int measureSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                docs.add(new Doc(file.getFileName().toString(), Files.readAllBytes(file)));
            }
        }
        int samples = docs.size();
        docs.addAll(invalidOnes(samples));

        DocumentValidation ours = Validators.standalone(Clock.systemUTC());
        ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
        PeppolValidation2026_05.init(registry);
        Function<Doc, Set<String>> phive = doc -> phiveFatal(registry, doc);
        Function<Doc, Set<String>> gateway = doc -> oursFatal(ours, doc);

        System.out.printf(Locale.ROOT, "%d official examples and %d invalid invoices of our own; %d cores%n", samples,
                docs.size() - samples, Runtime.getRuntime().availableProcessors());
        int disagreements = 0;
        for (Doc doc : docs) {
            Set<String> a = gateway.apply(doc);
            Set<String> b = phive.apply(doc);
            if (!a.equals(b)) {
                disagreements++;
                System.out.println("  DIFFERENT " + doc.name() + ": gateway " + a + ", phive " + b);
            } else if (!a.isEmpty()) {
                System.out.println("  same     " + doc.name() + ": " + a);
            }
        }
        System.out.println(disagreements == 0 ? "Verdicts: the same fatal rule ids for all " + docs.size() + " files."
                : "Verdicts: " + disagreements + " files DIFFER.");

        int cores = Runtime.getRuntime().availableProcessors();
        // both engines share Saxon and the JDK's XML code: warm both fully before measuring either
        System.out.println("Warming up both engines, " + warmupSeconds + " s each...");
        run(phive, docs, cores, warmupSeconds);
        run(gateway, docs, cores, warmupSeconds);
        Result phiveOne = measure("phive", phive, docs, 1, 2, measureSeconds);
        Result oursOne = measure("gateway", gateway, docs, 1, 2, measureSeconds);
        Result phiveAll = measure("phive", phive, docs, cores, 2, measureSeconds);
        Result oursAll = measure("gateway", gateway, docs, cores, 2, measureSeconds);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %14s %14s %14s%n", "engine", "1 thread /s", cores + " threads /s",
                "peak heap MB");
        for (Result[] r : new Result[][] {{phiveOne, phiveAll}, {oursOne, oursAll}}) {
            System.out.printf(Locale.ROOT, "%-10s %14.1f %14.1f %14d%n", r[0].engine(), r[0].perSecond(),
                    r[1].perSecond(), Math.max(r[0].peakHeapMb(), r[1].peakHeapMb()));
        }
        System.out.printf(Locale.ROOT, "gateway / phive: %.2f on 1 thread, %.2f on %d threads; gateway scales %.2fx"
                        + " from 1 to %d threads%n", oursOne.perSecond() / phiveOne.perSecond(),
                oursAll.perSecond() / phiveAll.perSecond(), cores, oursAll.perSecond() / oursOne.perSecond(), cores);
        System.exit(disagreements == 0 ? 0 : 1);
    }

    private record Result(String engine, double perSecond, long peakHeapMb) {
    }

    private static Result measure(String engine, Function<Doc, Set<String>> validator, List<Doc> docs, int threads,
            int warmupSeconds, int measureSeconds) throws Exception {
        run(validator, docs, threads, warmupSeconds);
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long count = run(validator, docs, threads, measureSeconds);
        long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
        double perSecond = count / (double) measureSeconds;
        System.out.printf(Locale.ROOT, "%-8s %d thread(s): %.1f invoices/s (%.2f ms each per thread)%n", engine,
                threads, perSecond, 1000.0 * threads / perSecond);
        return new Result(engine, perSecond, peak);
    }

    /** Validates round after round of all documents on each thread until the time is up; returns how many. */
    private static long run(Function<Doc, Set<String>> validator, List<Doc> docs, int threads, int seconds)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7;
                counts.add(pool.submit(() -> {
                    long n = 0;
                    for (int i = offset; System.nanoTime() < end; i++) {
                        if (validator.apply(docs.get(i % docs.size())) == null) {
                            throw new IllegalStateException();
                        }
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static Set<String> oursFatal(DocumentValidation engine, Doc doc) {
        ValidationReport report = engine.check(doc.bytes(), false).report();
        Set<String> rules = new TreeSet<>();
        for (Finding f : report.findings()) {
            if (f.severity() == Severity.FATAL) {
                rules.add(f.rule());
            }
        }
        return rules;
    }

    private static Set<String> phiveFatal(ValidationExecutorSetRegistry<IValidationSourceXML> registry, Doc doc) {
        String text = new String(doc.bytes(), StandardCharsets.UTF_8);
        boolean selfBilling = text.contains(":selfbilling:");
        boolean creditNote = text.contains(":CreditNote-2\"");
        var id = creditNote
                ? (selfBilling ? PeppolValidation2026_05.VID_OPENPEPPOL_CREDIT_NOTE_SELF_BILLING_UBL_V3
                        : PeppolValidation2026_05.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3)
                : (selfBilling ? PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_SELF_BILLING_UBL_V3
                        : PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3);
        IValidationExecutorSet<IValidationSourceXML> ves = registry.getOfID(id);
        ValidationResultList results = ValidationExecutionManager.executeValidation(
                IValidityDeterminator.createDefault(), ves,
                ValidationSourceXML.create(new ReadableResourceByteArray(doc.name(), doc.bytes())));
        Set<String> rules = new TreeSet<>();
        for (IError error : results.getAllErrors()) {
            if (error.isError()) {
                rules.add(error.getErrorID() == null ? "XSD" : error.getErrorID());
            }
        }
        return rules;
    }

    /** Our own invoices, each failing a different rule: one for every official example. */
    private static List<Doc> invalidOnes(int count) {
        String s = "0007:5567321707";
        String c = "0007:5564982212";
        List<String> variants = List.of(
                TestInvoices.invoice("B-1", s, c).replace(">1250.00</cbc:TaxInclusiveAmount>", ">1200.00</cbc:TaxInclusiveAmount>"),
                TestInvoices.invoice("B-2", s, c).replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", ""),
                TestInvoices.invoice("B-3", s, c).replace(">SEK</cbc:DocumentCurrencyCode>", ">SEKX</cbc:DocumentCurrencyCode>"),
                TestInvoices.invoiceWithVat("B-4", s, c, new Vat("E", "0", null)),
                TestInvoices.invoiceWithVat("B-5", s, c, new Vat("Z", "25", null)),
                TestInvoices.invoiceWithVat("B-6", s, c, new Vat("S", "0", null)),
                TestInvoices.invoice("B-7", s, "0007:5564982215"),
                TestInvoices.schemaInvalid("B-8", s, c),
                TestInvoices.selfBilled("B-9", s, c).replace(">389</cbc:InvoiceTypeCode>", ">380</cbc:InvoiceTypeCode>"),
                TestInvoices.creditNote("B-10", s, c).replace(">381</cbc:CreditNoteTypeCode>", ">999</cbc:CreditNoteTypeCode>"),
                TestInvoices.invoice("B-11", s, c).replace("<cbc:CompanyID>SE556732170701</cbc:CompanyID>\n",
                        "<cbc:CompanyID></cbc:CompanyID>\n"),
                TestInvoices.invoice("B-12", s, c).replace("unitCode=\"HUR\"", "unitCode=\"HOURS\""),
                TestInvoices.invoice("B-13", s, c).replace("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>",
                        "<cbc:PaymentMeansCode>999</cbc:PaymentMeansCode>"),
                TestInvoices.invoice("B-14", s, c).replace("<cbc:IdentificationCode>SE</cbc:IdentificationCode>",
                        "<cbc:IdentificationCode>XX</cbc:IdentificationCode>"),
                TestInvoices.invoice("B-15", s, c).replace("<cbc:Name>Consulting hour</cbc:Name>", ""),
                TestInvoices.invoice("B-16", s, c).replace(">100.00</cbc:PriceAmount>", ">-100.00</cbc:PriceAmount>"),
                TestInvoices.invoice("B-17", s, c).replace("<cbc:CompanyID>SE556732170701</cbc:CompanyID>",
                        "<cbc:CompanyID>556732170701</cbc:CompanyID>"),
                TestInvoices.invoice("B-18", s, c).replace("<cbc:PayableAmount currencyID=\"SEK\">",
                        "<cbc:PayableAmount currencyID=\"EUR\">"),
                TestInvoices.invoice("B-19", s, c).replace(">250.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>",
                        ">240.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>"));
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(new Doc("own-invalid-" + (i + 1) + ".xml",
                    variants.get(i % variants.size()).getBytes(StandardCharsets.UTF_8)));
        }
        return docs;
    }

    private ValidationBenchmark() {
    }
}
