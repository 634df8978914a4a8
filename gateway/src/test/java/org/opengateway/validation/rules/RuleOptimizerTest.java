package org.opengateway.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.TestInvoices;
import org.opengateway.testing.TestInvoices.Vat;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Validators;

/**
 * The rule files as {@link RuleOptimizer} rewrites them give exactly the findings of the files as they are: the same
 * rules, severities, locations, lines and messages, in the same order, and the same stop on a dynamic error. Checked
 * for every layer on invoices of our own, and on the official examples when {@code -Dconformance.samples=DIR} is
 * given, and on any folder of UBL documents given with {@code -Drules.sameness.documents=DIR}.
 */
class RuleOptimizerTest {

    private static final Processor SAXON = new Processor(false);
    private static List<CompiledRules.CompiledLayer> asTheyAre;
    private static List<CompiledRules.CompiledLayer> rewritten;

    static final String SUPPLIER = "0007:5567321707";
    static final String CUSTOMER = "0007:5564982212";
    static final String UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    @BeforeAll
    static void compile() {
        asTheyAre = allLayers(false);
        rewritten = allLayers(true);
    }

    private static List<CompiledRules.CompiledLayer> allLayers(boolean optimize) {
        ClassLoader loader = RuleOptimizerTest.class.getClassLoader();
        CompiledRules rules = new CompiledRules(RuleCatalogue.read(loader.getResourceAsStream(Validators.CATALOGUE)),
                SAXON, loader, optimize);
        Map<String, CompiledRules.CompiledLayer> layers = new LinkedHashMap<>();
        for (RuleCatalogue.Release release : rules.catalogue().releases()) {
            for (String id : rules.knownCustomizationIds(release)) {
                for (CompiledRules.CompiledLayer layer : rules.ruleSet(release, id).layers()) {
                    layers.putIfAbsent(release.id() + " " + layer.name(), layer);
                }
            }
        }
        return List.copyOf(layers.values());
    }

    @Test
    void theRewrittenRulesFindExactlyWhatTheFilesAsTheyAreFind() throws IOException {
        Map<String, byte[]> documents = new LinkedHashMap<>();
        ownDocuments().forEach((name, text) -> documents.put(name, text.getBytes(StandardCharsets.UTF_8)));
        for (String property : List.of("conformance.samples", "rules.sameness.documents")) {
            String folder = System.getProperty(property);
            if (folder != null && !folder.isBlank()) {
                try (Stream<Path> files = Files.list(Path.of(folder))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                        documents.put(file.getFileName().toString(), Files.readAllBytes(file));
                    }
                }
            }
        }
        SchematronRunner runner = new SchematronRunner(SAXON);
        int findings = 0;
        int stops = 0;
        for (Map.Entry<String, byte[]> document : documents.entrySet()) {
            XdmNode tree = tree(document.getValue());
            for (int i = 0; i < asTheyAre.size(); i++) {
                List<Finding> expected = runner.run(asTheyAre.get(i), tree);
                List<Finding> actual = runner.run(rewritten.get(i), tree);
                assertThat(actual).as(document.getKey() + ", " + asTheyAre.get(i).name()).isEqualTo(expected);
                findings += expected.size();
                stops += (int) expected.stream().filter(f -> "SCHEMATRON".equals(f.rule())).count();
            }
        }
        assertThat(findings).as("findings compared").isGreaterThan(50);
        assertThat(stops).as("runs that stop on a dynamic error, compared").isPositive();
    }

    @Test
    void theOfficialFilesAreRewrittenAsExpected() throws IOException {
        String folder = "external/schematron/openpeppol/2026.5/xslt/";
        RuleOptimizer.Outcome cen = RuleOptimizer.optimize(resource(folder + "CEN-EN16931-UBL.xslt"));
        assertThat(cen.activePatternsDropped()).isEqualTo(3);
        assertThat(cen.patternsMerged()).isEqualTo(3);
        assertThat(cen.assertsGuarded()).isGreaterThan(500);
        assertThat(cen.firedRulesDropped()).isPositive();
        RuleOptimizer.Outcome peppol = RuleOptimizer.optimize(resource(folder + "PEPPOL-EN16931-UBL.xslt"));
        assertThat(peppol.patternsMerged()).isEqualTo(13);
        assertThat(peppol.unionsSplit()).isPositive();
        assertThat(rewritten).allMatch(CompiledRules.CompiledLayer::merged);
    }

    @Test
    void notPathAssertsAndTheirGuard() {
        assertThat(RuleOptimizer.expand("(cac:A|cac:B)/cbc:C")).containsExactly("cac:A/cbc:C", "cac:B/cbc:C");
        assertThat(RuleOptimizer.expand("cac:A/@schemeID")).containsExactly("cac:A/@schemeID");
        assertThat(RuleOptimizer.anyOf(List.of("a:x/a:y", "a:x/a:z/a:w", "a:v", "a:v/a:u")))
                .isEqualTo("a:x[a:y or a:z[a:w]] or a:v");
    }

    @Test
    void unionsAndTheNamesAPatternCanMatch() {
        assertThat(RuleOptimizer.topLevelBranches("a:x[b:y = 'p|q'] | (c:z | d:w)[e] | f:v"))
                .containsExactly("a:x[b:y = 'p|q'] ", " (c:z | d:w)[e] ", " f:v");
        assertThat(RuleOptimizer.lastSteps("//cac:A/cbc:B[@x = '1'][2] | (/u:I/cac:C | /u:C/cac:C)[$p]"))
                .containsExactly("cbc:B", "cac:C", "cac:C");
        assertThat(RuleOptimizer.lastSteps("//*[ends-with(name(), 'Amount')]")).containsExactly("*");
        assertThat(RuleOptimizer.lastSteps("cac:A[b]/@schemeID")).containsExactly("@schemeID");
        assertThat(RuleOptimizer.lastSteps("cac:A/text()")).isNull();
        assertThat(RuleOptimizer.lastSteps("@*")).isNull();
    }

    /** Invoices of our own: valid ones, and each with something wrong, of every kind of rule. */
    private static Map<String, String> ownDocuments() {
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put("invoice", TestInvoices.invoice("T-1", SUPPLIER, CUSTOMER));
        docs.put("credit note", TestInvoices.creditNote("T-2", SUPPLIER, CUSTOMER));
        docs.put("self-billed", TestInvoices.selfBilled("T-3", SUPPLIER, CUSTOMER));
        docs.put("schema-invalid", TestInvoices.schemaInvalid("T-4", SUPPLIER, CUSTOMER));
        docs.put("exempt without reason", TestInvoices.invoiceWithVat("T-5", SUPPLIER, CUSTOMER, new Vat("E", "0", null)));
        docs.put("zero rated at 25", TestInvoices.invoiceWithVat("T-6", SUPPLIER, CUSTOMER, new Vat("Z", "25", null)));
        String invoice = TestInvoices.invoice("T-7", SUPPLIER, CUSTOMER);
        docs.put("wrong totals", invoice.replace(">1250.00</cbc:TaxInclusiveAmount>", ">1200.00</cbc:TaxInclusiveAmount>"));
        docs.put("unknown currency", invoice.replace(">SEK</cbc:DocumentCurrencyCode>", ">SEKX</cbc:DocumentCurrencyCode>"));
        docs.put("unknown unit", invoice.replace("unitCode=\"HUR\"", "unitCode=\"HOURS\""));
        docs.put("negative price", invoice.replace(">100.00</cbc:PriceAmount>", ">-100.00</cbc:PriceAmount>"));
        docs.put("unknown country", invoice.replace("<cbc:IdentificationCode>SE</cbc:IdentificationCode>",
                "<cbc:IdentificationCode>XX</cbc:IdentificationCode>"));
        docs.put("no buyer reference", invoice.replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", ""));
        docs.put("item without name", invoice.replace("<cbc:Name>Consulting hour</cbc:Name>", ""));
        // elements that the EN 16931 UBL syntax rules forbid, in several places: many not(path) asserts fail
        docs.put("forbidden elements", invoice
                .replace("<cbc:BuyerReference>", "<cbc:UUID>1</cbc:UUID><cbc:CopyIndicator>false</cbc:CopyIndicator>"
                        + "<cbc:BuyerReference>")
                .replaceFirst("<cac:Party>", "<cac:Party><cbc:WebsiteURI>https://example.com</cbc:WebsiteURI>"));
        // a fragment on which the Peppol rules stop with a dynamic error, after findings of several patterns
        docs.put("empty quantity", "<Invoice xmlns=\"" + UBL_INVOICE + "\" xmlns:cac=\"" + CAC + "\" xmlns:cbc=\""
                + CBC + "\"><cbc:CustomizationID>x</cbc:CustomizationID><cbc:Note/>"
                + "<cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID=\"0088\">123</cbc:EndpointID>"
                + "</cac:Party></cac:AccountingSupplierParty>"
                + "<cac:InvoiceLine><cbc:ID/><cbc:InvoicedQuantity unitCode=\"H87\"/><cac:Price>"
                + "<cbc:BaseQuantity unitCode=\"XX\"/></cac:Price></cac:InvoiceLine>"
                + "<cac:InvoiceLine><cbc:ID>2</cbc:ID></cac:InvoiceLine></Invoice>");
        return docs;
    }

    private static XdmNode tree(byte[] bytes) {
        DocumentBuilder builder = SAXON.newDocumentBuilder();
        builder.setLineNumbering(true);
        try {
            return builder.build(new StreamSource(new ByteArrayInputStream(bytes)));
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RuleOptimizerTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
