package org.opengateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opengateway.testing.Engines;
import org.opengateway.validation.rules.RuleCatalogue;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Agreement with the official unit tests of the rules the gateway runs: OpenPEPPOL's {@code peppol-bis-invoice-3}
 * (its {@code rules/unit-*} test sets, written for the Peppol BIS Billing 3.0 schematron) and CEN TC 434's
 * {@code eInvoicing-EN16931} (its {@code test/*-unit-UBL} test sets, written for the EN 16931 UBL schematron). Neither
 * is part of this project: give the folder of a checkout with {@code -Dofficial.tests.peppol=DIR} and/or
 * {@code -Dofficial.tests.cen=DIR}; each repository's test runs only when its folder is given.
 *
 * <p>A test set ({@code <testSet xmlns="http://difi.no/xsd/vefa/validator/1.0">}) holds {@code <test>} elements, each
 * one document with an {@code <assert>}: {@code <error>} (or {@code <fatal>}) rules must fire as errors,
 * {@code <warning>} rules as warnings, at least {@code number} times when given; {@code <success>} rules must not fire
 * at all. The test set's own {@code <assert>} applies to every test, as the official runner (vefa-validator) merges
 * it. Each document is validated with the gateway's engine ({@link Engines#today()}), with all layers (the official
 * runner runs the schematron on these schema-incomplete fragments too); the verdict with the gateway's default
 * (schematron skipped after a schema error) is counted beside it.
 *
 * <p>Most unit test documents are fragments without a {@code cbc:CustomizationID}: the official runner does not need
 * one, the test set names its rules. The gateway chooses its rules by the CustomizationID, so such a fragment gets the
 * Peppol BIS Billing 3.0 one: both repositories' UBL test sets are written for exactly the schematron of that rule set
 * (the Peppol one, or the CEN one that is its first layer), and no rule of those layers reads BT-24 except BR-01,
 * PEPPOL-EN16931-R004 and UBL-CR-648. A test about one of those is not given one, and is counted "not applicable",
 * as is a document whose own CustomizationID the gateway does not take (it is refused with {@code CUSTOMIZATION}
 * before any schematron runs) and a test that expects a rule the release in force does not have. Test sets for other
 * syntaxes (CII) or other documents are left out and counted as excluded.
 *
 * <p>The summary and the first disagreements are printed (surefire writes them to
 * {@code target/surefire-reports/*-output.txt}); set {@code -Dofficial.tests.dump=DIR} to also write every extracted
 * document there.
 */
class OfficialUnitTestsAgreementTest {

    static final String PEPPOL_FOLDER = "official.tests.peppol";
    static final String CEN_FOLDER = "official.tests.cen";
    static final String DUMP_FOLDER = "official.tests.dump";

    /**
     * Disagreements (all layers) measured with peppol-bis-invoice-3 at tag v3.0.19 (master,
     * 78d7f7dfa223f39f8ebd8d35c127f2690e646322; the newest state that could be had, the 3.0.21 tests were not), and
     * eInvoicing-EN16931 at tag validation-1.3.16 (b6c9e06a59812fb1a83585da40923b3678a649ad, whose UBL schematron is
     * the CEN layer of release 2026.5). The 3 Peppol ones are unit-UBL-DK/DK_Validation_DKR003.xml #10, #11 and #12:
     * they expect DK-R-003 as a warning, as it was up to release 2025.11, and release 2026.5 made it fatal; the gateway fires
     * it as an error, as its rules say. More than these means that something changed: read the printed list.
     */
    static final int KNOWN_PEPPOL_DISAGREEMENTS = 3;
    static final int KNOWN_CEN_DISAGREEMENTS = 0;

    static final String BILLING = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    static final String VEFA = "http://difi.no/xsd/vefa/validator/1.0";
    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
    static final Set<String> UBL_ROOTS = Set.of(
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 Invoice",
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2 CreditNote");
    /** The rules of the billing layers that read the CustomizationID (BT-24) itself. */
    static final Set<String> READS_BT24 = Set.of("BR-01", "PEPPOL-EN16931-R004", "UBL-CR-648");
    static final int SHOWN = 30;

    @Test
    @EnabledIfSystemProperty(named = PEPPOL_FOLDER, matches = ".+", disabledReason = "not run: give the folder of a"
            + " checkout of OpenPEPPOL/peppol-bis-invoice-3 (or its rules folder) with -D" + PEPPOL_FOLDER + "=DIR")
    void agreesWithThePeppolBisBillingUnitTests() {
        Tally tally = run("OpenPEPPOL peppol-bis-invoice-3", Path.of(System.getProperty(PEPPOL_FOLDER)));
        assertThat(tally.disagreeing(true)).as("disagreements with the Peppol unit tests (see the printed list)")
                .hasSizeLessThanOrEqualTo(KNOWN_PEPPOL_DISAGREEMENTS);
    }

    @Test
    @EnabledIfSystemProperty(named = CEN_FOLDER, matches = ".+", disabledReason = "not run: give the folder of a"
            + " checkout of ConnectingEurope/eInvoicing-EN16931 (or its test folder) with -D" + CEN_FOLDER + "=DIR")
    void agreesWithTheCenEn16931UnitTests() {
        Tally tally = run("CEN eInvoicing-EN16931", Path.of(System.getProperty(CEN_FOLDER)));
        assertThat(tally.disagreeing(true)).as("disagreements with the CEN unit tests (see the printed list)")
                .hasSizeLessThanOrEqualTo(KNOWN_CEN_DISAGREEMENTS);
    }

    // ---------------------------------------------------------------------------------------------- the run

    private Tally run(String repository, Path folder) {
        assertThat(folder).as("the folder given for " + repository).isDirectory();
        Release release = Release.inForce();
        DocumentValidation engine = Engines.today();
        Tally tally = new Tally(repository, folder);
        for (Path file : testSetFiles(folder)) {
            for (TestCase testCase : read(folder, file, tally)) {
                judge(engine, release, testCase, tally);
            }
        }
        System.out.println(tally.summary(release));
        assertThat(tally.total()).as("unit tests found under the folder given for " + repository).isPositive();
        return tally;
    }

    private static List<Path> testSetFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            // as the official runner: files named *.xml (so not PEPPOL-COMMON-R048.xm), holding a testSet
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".xml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One expectation: a rule that must fire (as error or warning, at least {@code number} times) or must not. */
    record Expect(String rule, Kind kind, int number) {
        enum Kind { ERROR, WARNING, SUCCESS }

        String describe() {
            return switch (kind) {
                case ERROR -> "must fire as error" + (number > 1 ? " " + number + "x" : "");
                case WARNING -> "must fire as warning" + (number > 1 ? " " + number + "x" : "");
                case SUCCESS -> "must not fire";
            };
        }
    }

    record TestCase(String name, String configuration, Element document, List<Expect> expects) {
    }

    private static List<TestCase> read(Path folder, Path file, Tally tally) {
        Document xml;
        try {
            xml = parser().parse(file.toFile());
        } catch (Exception e) {
            return List.of(); // not XML at all: not a test set
        }
        Element testSet = xml.getDocumentElement();
        if (!VEFA.equals(testSet.getNamespaceURI()) || !"testSet".equals(testSet.getLocalName())) {
            return List.of();
        }
        String relative = folder.relativize(file).toString().replace('\\', '/');
        List<Expect> common = expects(child(testSet, VEFA, "assert"));
        List<TestCase> cases = new ArrayList<>();
        int position = 0;
        for (Element test : children(testSet, VEFA, "test")) {
            position++;
            String id = test.hasAttribute("id") ? test.getAttribute("id").trim() : String.valueOf(position);
            String configuration = test.hasAttribute("configuration") ? test.getAttribute("configuration")
                    : testSet.getAttribute("configuration");
            List<Expect> expects = new ArrayList<>(expects(child(test, VEFA, "assert")));
            expects.addAll(common);
            Element document = children(test, null, null).stream().filter(e -> !VEFA.equals(e.getNamespaceURI()))
                    .findFirst().orElse(null);
            String name = relative + " #" + id;
            if (document == null || !UBL_ROOTS.contains(document.getNamespaceURI() + " " + document.getLocalName())
                    || !configuration.toLowerCase(Locale.ROOT).contains("ubl")) {
                tally.excluded.add(name + " (" + configuration + ", "
                        + (document == null ? "no document" : document.getLocalName()) + ")");
                continue;
            }
            cases.add(new TestCase(name, configuration, document, expects));
        }
        return cases;
    }

    private static List<Expect> expects(Element assertion) {
        List<Expect> expects = new ArrayList<>();
        if (assertion == null) {
            return expects;
        }
        for (Element e : children(assertion, VEFA, null)) {
            Expect.Kind kind = switch (e.getLocalName()) {
                case "error", "fatal" -> Expect.Kind.ERROR;
                case "warning" -> Expect.Kind.WARNING;
                case "success" -> Expect.Kind.SUCCESS;
                default -> null; // description, scope
            };
            String rule = e.getTextContent().trim();
            if (kind != null && !rule.isEmpty()) {
                int number = e.hasAttribute("number") ? Integer.parseInt(e.getAttribute("number").trim()) : 1;
                expects.add(new Expect(rule, kind, kind == Expect.Kind.SUCCESS ? 1 : number));
            }
        }
        return expects;
    }

    // ------------------------------------------------------------------------------------------- judging

    private static void judge(DocumentValidation engine, Release release, TestCase testCase, Tally tally) {
        tally.cases++;
        Element root = testCase.document();
        String customization = customizationId(root);
        Set<String> rules = testCase.expects().stream().map(Expect::rule).collect(Collectors.toCollection(LinkedHashSet::new));

        List<String> absent = testCase.expects().stream().filter(x -> x.kind() != Expect.Kind.SUCCESS)
                .map(Expect::rule).filter(r -> !release.flags().containsKey(r)).distinct().toList();
        if (!absent.isEmpty()) {
            tally.notApplicable(testCase, "rule not in release " + release.id(), String.join(", ", absent)
                    + " is expected to fire but is not a rule of release " + release.id());
            return;
        }
        boolean inject = customization == null;
        if (inject && rules.stream().anyMatch(READS_BT24::contains)) {
            tally.notApplicable(testCase, "test of BT-24 on a document without one",
                    "tests " + rules + ", which read the CustomizationID; the gateway needs one to choose its rules");
            return;
        }
        byte[] bytes = serialize(root, inject);
        dump(testCase, bytes);

        ValidationReport all = engine.check(bytes, true).report();
        if (all.ruleset() == null) {
            String refused = all.findings().stream().filter(f -> f.severity() == Severity.FATAL)
                    .map(Finding::rule).distinct().collect(Collectors.joining(","));
            tally.notApplicable(testCase, "gateway refuses the document before the schematron (" + refused + ")",
                    "CustomizationID '" + customization + "'; expected " + describe(testCase.expects()));
            return;
        }
        all.findings().stream().filter(f -> "SCHEMATRON".equals(f.rule())).forEach(f -> tally.aborted
                .add(testCase.name() + ": " + abbreviate(f.message()) + " [expected " + describe(testCase.expects()) + "]"));
        ValidationReport gateway = engine.check(bytes, false).report();
        List<String> withAll = mismatches(testCase, all, release);
        List<String> withDefault = mismatches(testCase, gateway, release);
        tally.record(testCase, withAll, withDefault);
    }

    /** What does not agree with the test's expectations; empty when it all agrees. */
    private static List<String> mismatches(TestCase testCase, ValidationReport report, Release release) {
        List<String> out = new ArrayList<>();
        for (Expect expect : testCase.expects()) {
            long fatal = count(report, expect.rule(), Severity.FATAL);
            long warning = count(report, expect.rule(), Severity.WARNING);
            boolean ok = switch (expect.kind()) {
                case ERROR -> fatal >= expect.number();
                case WARNING -> warning >= expect.number();
                case SUCCESS -> fatal + warning == 0;
            };
            if (!ok) {
                String kind;
                if (expect.kind() == Expect.Kind.SUCCESS) {
                    kind = "fires though it must not";
                } else if (fatal + warning == 0) {
                    kind = "does not fire";
                } else if ((expect.kind() == Expect.Kind.ERROR ? fatal : warning) > 0) {
                    kind = "fires too few times";
                } else {
                    kind = "fires with the other severity";
                }
                String said = fatal + warning == 0 ? "not fired" : said(report, expect.rule(), fatal, warning);
                String flags = release.flags().getOrDefault(expect.rule(), Set.of()).toString();
                String skipped = report.findings().stream().noneMatch(f -> !"XSD".equals(f.rule()))
                        && report.findings().stream().anyMatch(f -> "XSD".equals(f.rule()) && f.severity() == Severity.FATAL)
                        ? "; only schema errors reported (schematron skipped after XSD)" : "";
                out.add(kind + "|" + expect.rule() + " " + expect.describe() + "; we: " + said
                        + " (release flag " + flags + ")" + skipped);
            }
        }
        return out;
    }

    private static long count(ValidationReport report, String rule, Severity severity) {
        return report.findings().stream().filter(f -> rule.equals(f.rule()) && f.severity() == severity).count();
    }

    private static String said(ValidationReport report, String rule, long fatal, long warning) {
        String first = report.findings().stream().filter(f -> rule.equals(f.rule())).findFirst()
                .map(f -> " at " + f.location() + ": " + abbreviate(f.message())).orElse("");
        return (fatal > 0 ? "error x" + fatal : "") + (fatal > 0 && warning > 0 ? " + " : "")
                + (warning > 0 ? "warning x" + warning : "") + first;
    }

    private static String abbreviate(String message) {
        return message == null || message.length() <= 140 ? message : message.substring(0, 137) + "...";
    }

    private static String describe(List<Expect> expects) {
        return expects.stream().map(x -> x.rule() + " " + x.describe()).collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------------------------- the documents

    private static String customizationId(Element root) {
        Element id = child(root, CBC, "CustomizationID");
        return id == null ? null : id.getTextContent().trim();
    }

    /**
     * The test's document on its own, with an XML declaration and every namespace declaration in scope where it
     * stood; with the Peppol BIS Billing 3.0 CustomizationID in its schema place when asked.
     */
    static byte[] serialize(Element original, boolean injectCustomizationId) {
        try {
            Document out = parser().newDocument();
            Element root = (Element) out.importNode(original, true);
            out.appendChild(root);
            for (Node n = original.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
                NamedNodeMap attributes = ancestor.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Attr a = (Attr) attributes.item(i);
                    if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())
                            && !root.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, a.getLocalName())) {
                        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, a.getName(), a.getValue());
                    }
                }
            }
            if (injectCustomizationId) {
                Element id = out.createElementNS(CBC, prefixFor(root, CBC) + "CustomizationID");
                id.setTextContent(BILLING);
                Node before = root.getFirstChild();
                // UBL order: ext:UBLExtensions, cbc:UBLVersionID, cbc:CustomizationID
                for (Element e : children(root, null, null)) {
                    if ((EXT.equals(e.getNamespaceURI()) && "UBLExtensions".equals(e.getLocalName()))
                            || (CBC.equals(e.getNamespaceURI()) && "UBLVersionID".equals(e.getLocalName()))) {
                        before = e.getNextSibling();
                    }
                }
                root.insertBefore(id, before);
            }
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(out), new StreamResult(bytes));
            return bytes.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "cbc:" when the document declares a prefix for the namespace, else a new declaration of "cbc". */
    private static String prefixFor(Element root, String namespace) {
        String prefix = root.lookupPrefix(namespace);
        if (prefix == null) {
            prefix = "cbc";
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, namespace);
        }
        return prefix + ":";
    }

    private static void dump(TestCase testCase, byte[] bytes) {
        String folder = System.getProperty(DUMP_FOLDER);
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(folder).resolve(testCase.name().replaceAll("[^A-Za-z0-9._-]+", "_") + ".xml");
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static javax.xml.parsers.DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element child(Element parent, String namespace, String localName) {
        List<Element> all = children(parent, namespace, localName);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (namespace == null || namespace.equals(e.getNamespaceURI()))
                    && (localName == null || localName.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    // -------------------------------------------------------------------------------------- the release

    /** The release in force for the engine of {@link Engines#today()}, and the flags of every rule of its billing set. */
    record Release(String id, Map<String, Set<String>> flags) {

        private static final Pattern ASSERTION = Pattern.compile(
                "<xsl:attribute name=\"id\">([^<]+)</xsl:attribute>\\s*<xsl:attribute name=\"flag\">([^<]+)</xsl:attribute>");

        static Release inForce() {
            ClassLoader loader = OfficialUnitTestsAgreementTest.class.getClassLoader();
            RuleCatalogue catalogue;
            try (InputStream in = loader.getResourceAsStream(Validators.CATALOGUE)) {
                assertThat(in).as(Validators.CATALOGUE).isNotNull();
                catalogue = RuleCatalogue.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RuleCatalogue.Release release = catalogue.inForce(Clock.systemUTC()).orElseThrow();
            RuleCatalogue.RuleSet billing = release.ruleSets().stream()
                    .filter(s -> s.customizationIds().stream().anyMatch(id -> id.trim().equals(BILLING)))
                    .findFirst().orElseThrow(() -> new AssertionError("release " + release.id() + " has no billing rules"));
            Map<String, Set<String>> flags = new TreeMap<>();
            for (RuleCatalogue.Layer layer : billing.layers()) {
                try (InputStream in = loader.getResourceAsStream(layer.resource())) {
                    assertThat(in).as(layer.resource()).isNotNull();
                    Matcher m = ASSERTION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        flags.computeIfAbsent(m.group(1).trim(), k -> new LinkedHashSet<>()).add(m.group(2).trim());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Release(release.id(), flags);
        }
    }

    // ----------------------------------------------------------------------------------------- counting

    static final class Tally {
        final String repository;
        final Path folder;
        int cases;
        final List<String> excluded = new ArrayList<>();
        final List<String> aborted = new ArrayList<>();
        final Map<String, List<String>> notApplicable = new LinkedHashMap<>();
        final Map<String, List<String>> disagreeAll = new LinkedHashMap<>();
        final Map<String, List<String>> disagreeDefault = new LinkedHashMap<>();
        int agreeAll;
        int agreeDefault;

        Tally(String repository, Path folder) {
            this.repository = repository;
            this.folder = folder;
        }

        int total() {
            return cases;
        }

        Map<String, List<String>> disagreeing(boolean allLayers) {
            return allLayers ? disagreeAll : disagreeDefault;
        }

        void notApplicable(TestCase testCase, String reason, String detail) {
            notApplicable.computeIfAbsent(reason, k -> new ArrayList<>()).add(testCase.name() + ": " + detail);
        }

        void record(TestCase testCase, List<String> withAll, List<String> withDefault) {
            if (withAll.isEmpty()) {
                agreeAll++;
            } else {
                disagreeAll.put(testCase.name(), withAll);
            }
            if (withDefault.isEmpty()) {
                agreeDefault++;
            } else {
                disagreeDefault.put(testCase.name(), withDefault);
            }
        }

        String summary(Release release) {
            int na = notApplicable.values().stream().mapToInt(List::size).sum();
            StringBuilder s = new StringBuilder();
            s.append("\n=== ").append(repository).append(" unit tests, judged by the gateway's release ")
                    .append(release.id()).append(" (").append(folder.toAbsolutePath()).append(")\n");
            s.append(String.format("test cases %d: all layers: agree %d, disagree %d, not applicable %d%n",
                    cases, agreeAll, disagreeAll.size(), na));
            s.append(String.format("             gateway default (no schematron after a schema error): agree %d,"
                    + " disagree %d, not applicable %d%n", agreeDefault, disagreeDefault.size(), na));
            s.append("excluded (other syntax or document): ").append(excluded.size()).append('\n');
            excluded.stream().limit(3).forEach(x -> s.append("    ").append(x).append('\n'));
            s.append("a schematron layer stopped with an error (all layers; its findings are lost): ")
                    .append(aborted.size()).append('\n');
            aborted.stream().limit(SHOWN).forEach(x -> s.append("    ").append(x).append('\n'));
            notApplicable.forEach((reason, list) -> {
                s.append("not applicable, ").append(reason).append(": ").append(list.size()).append('\n');
                list.stream().limit(SHOWN).forEach(x -> s.append("    ").append(x).append('\n'));
            });
            kinds(s, "all layers", disagreeAll);
            kinds(s, "gateway default", disagreeDefault);
            s.append("first disagreements (all layers):\n");
            disagreeAll.entrySet().stream().limit(SHOWN).forEach(e -> e.getValue()
                    .forEach(m -> s.append("    ").append(e.getKey()).append(": ").append(m.substring(m.indexOf('|') + 1))
                            .append('\n')));
            return s.toString();
        }

        private static void kinds(StringBuilder s, String label, Map<String, List<String>> disagreements) {
            Map<String, Long> kinds = disagreements.values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(m -> m.substring(0, m.indexOf('|')), TreeMap::new,
                            Collectors.counting()));
            s.append("disagreeing expectations by kind (").append(label).append("): ").append(kinds).append('\n');
        }
    }
}
