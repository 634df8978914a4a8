package org.opengateway.reporting;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.validation.Schema;
import net.sf.saxon.s9api.Processor;
import org.opengateway.validation.Finding;
import org.opengateway.validation.rules.CompiledRules.CompiledLayer;
import org.opengateway.validation.rules.PublishedRuleCheck;

/**
 * Checks a report against the official Peppol rules, as OpenPeppol publishes them in the phive-rules-peppol artefact:
 * the report's XML schema, then its Schematron (run with the same engine that judges invoices). A report with a
 * fatal finding is not sent. The rules are compiled when first needed, once a month, not at every node's start.
 */
public class ReportValidator {

    private final PublishedRuleCheck published;
    private final Map<ReportKind, Schema> schemas = new EnumMap<>(ReportKind.class);
    private final Map<ReportKind, CompiledLayer> rules = new EnumMap<>(ReportKind.class);

    public ReportValidator(Processor saxon) {
        this.published = new PublishedRuleCheck(saxon);
    }

    /** Every finding of the schema and the rules; empty for a valid report. */
    public List<Finding> check(ReportKind kind, byte[] report) {
        Schema schema;
        CompiledLayer layer;
        synchronized (this) {
            schema = schemas.computeIfAbsent(kind, k -> PublishedRuleCheck.schema(k.schema(), k.name()));
            layer = rules.computeIfAbsent(kind, k -> published.schematron(k.name(), k.schematron(), k.name()));
        }
        return published.check(report, schema, layer, kind.name());
    }
}
