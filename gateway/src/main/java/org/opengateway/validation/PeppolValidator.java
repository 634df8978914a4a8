package org.opengateway.validation;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.SafeXml;
import org.opengateway.validation.rules.CompiledRules;
import org.opengateway.validation.rules.RuleCatalogue;
import org.opengateway.validation.rules.SchematronRunner;
import org.xml.sax.InputSource;

/**
 * The full Peppol verdict: the UBL 2.1 schema, then the schematron layers of the rule set that the release in force
 * today has for the document's CustomizationID (CEN EN 16931, then Peppol BIS Billing or Self-Billing). By default the
 * schematron is not run on a document that fails the schema, as the official validation does.
 */
public class PeppolValidator implements InvoiceValidator {

    private final UblSchemaValidator schema;
    private final CompiledRules rules;
    private final SchematronRunner runner;
    private final Processor saxon;
    private final SafeXml xml;
    private final Clock clock;

    public PeppolValidator(UblSchemaValidator schema, CompiledRules rules, Processor saxon, SafeXml xml, Clock clock) {
        this.schema = schema;
        this.rules = rules;
        this.runner = new SchematronRunner(saxon);
        this.saxon = saxon;
        this.xml = xml;
        this.clock = clock;
    }

    @Override
    public ValidationReport validate(InvoiceDocument document, boolean allLayers) {
        RuleCatalogue.Release release = rules.catalogue().inForce(clock)
                .orElseThrow(() -> new IllegalStateException("The rule catalogue lists no release."));
        CompiledRules.CompiledRuleSet ruleSet = rules.ruleSet(release, document.customizationId());
        List<Finding> findings = new ArrayList<>(schema.validate(document).findings());
        if (ruleSet == null) {
            findings.add(Finding.fatal("CUSTOMIZATION", unknownCustomization(document, release)));
            return new ValidationReport(null, findings);
        }
        if (!allLayers && hasFatal(findings)) {
            return new ValidationReport(ruleSet.id(), findings);
        }
        XdmNode tree = tree(document);
        for (CompiledRules.CompiledLayer layer : ruleSet.layers()) {
            findings.addAll(runner.run(layer, tree));
        }
        return new ValidationReport(ruleSet.id(), findings);
    }

    private String unknownCustomization(InvoiceDocument document, RuleCatalogue.Release release) {
        String value = document.customizationId();
        return (value == null ? "The document has no CustomizationID (cbc:CustomizationID)"
                : "The CustomizationID '" + value + "' is not one the gateway validates")
                + ". Release " + release.id() + " knows: " + String.join(", ", rules.knownCustomizationIds(release))
                + ".";
    }

    private static boolean hasFatal(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.FATAL);
    }

    /** The document as a Saxon tree with line numbers; a wrapped one from its UBL element. */
    private XdmNode tree(InvoiceDocument document) {
        DocumentBuilder builder = saxon.newDocumentBuilder();
        builder.setLineNumbering(true);
        try {
            if (document.wrapped()) {
                // the rules expect the UBL element at the root: lift it out of the envelope
                org.w3c.dom.Document payload = document.ublRoot().getOwnerDocument().getImplementation()
                        .createDocument(null, null, null);
                payload.appendChild(payload.importNode(document.ublRoot(), true));
                return builder.build(new DOMSource(payload));
            }
            return builder.build(new SAXSource(xml.newReader(),
                    new InputSource(new ByteArrayInputStream(document.original()))));
        } catch (SaxonApiException e) {
            throw new IllegalStateException("The document could not be read for the business rules: "
                    + e.getMessage(), e);
        }
    }
}
