package org.opengateway.validation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SAXDestination;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.UblPrefixes;

/** Runs compiled schematron layers over a parsed document and turns what fires into findings. */
public final class SchematronRunner {

    private static final Pattern STEP =
            Pattern.compile("\\*:([A-Za-z0-9_.-]+)\\[namespace-uri\\(\\)='([^']*)'\\]");

    private final Processor saxon;

    public SchematronRunner(Processor saxon) {
        this.saxon = saxon;
    }

    public List<Finding> run(CompiledRules.CompiledLayer layer, XdmNode document) {
        SvrlCollector collector = new SvrlCollector();
        Finding stopped = null;
        try {
            transform(layer.xslt(), document, collector);
            if (layer.merged()) {
                collector.inPatternOrder();
            }
        } catch (SaxonApiException fast) {
            // the rewritten rules stop on the same node, but with the findings of all patterns up to it: redo it with
            // the file as it is, for the findings that the official run keeps
            collector = new SvrlCollector();
            try {
                transform(layer.exact(), document, collector);
            } catch (SaxonApiException e) {
                // only a document that fails the schema gets here (with all layers): keep what fired before the stop
                stopped = Finding.fatal("SCHEMATRON", "The rules of '" + layer.name()
                        + "' stopped on this document before the end: " + e.getMessage());
            }
        }
        List<Finding> findings = new ArrayList<>(collector.fired().size() + 1);
        for (SvrlCollector.Raw raw : collector.fired()) {
            findings.add(new Finding(raw.rule() == null ? layer.name() : raw.rule(), severity(raw.flag()),
                    readable(raw.location()), line(document, raw.location()), raw.message()));
        }
        if (stopped != null) {
            findings.add(stopped);
        }
        return findings;
    }

    private static void transform(net.sf.saxon.s9api.XsltExecutable xslt, XdmNode document, SvrlCollector collector)
            throws SaxonApiException {
        Xslt30Transformer transformer = xslt.load30();
        transformer.setGlobalContextItem(document);
        transformer.applyTemplates(document, new SAXDestination(collector));
    }

    /** "fatal" and "error" reject; "warning" and "information" do not. */
    static Severity severity(String flag) {
        if (flag == null) {
            return Severity.FATAL;
        }
        return switch (flag.toLowerCase(Locale.ROOT)) {
            case "warning", "information", "info" -> Severity.WARNING;
            default -> Severity.FATAL;
        };
    }

    /** The line of the element the location points at, where the parsed tree knows it. */
    private Integer line(XdmNode document, String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            XPathCompiler xpath = saxon.newXPathCompiler();
            XdmItem item = xpath.evaluateSingle(location, document);
            if (item instanceof XdmNode node) {
                XdmNode element = node.getNodeKind() == net.sf.saxon.s9api.XdmNodeKind.ATTRIBUTE ? node.getParent() : node;
                int line = element.getLineNumber();
                return line > 0 ? line : null;
            }
        } catch (SaxonApiException | RuntimeException e) {
            return null; // a location the engine cannot follow: no line, the XPath is still shown
        }
        return null;
    }

    /** Writes "/*:Invoice[namespace-uri()='urn:...:Invoice-2'][1]/*:ID[namespace-uri()='...cbc...'][1]" as "/Invoice[1]/cbc:ID[1]". */
    static String readable(String location) {
        if (location == null) {
            return null;
        }
        Matcher m = STEP.matcher(location);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(UblPrefixes.of(m.group(2)) + m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
