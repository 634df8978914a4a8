package org.opengateway.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.rules.CompiledRules.CompiledLayer;
import org.opengateway.validation.rules.SchematronRunner;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks a report against the official Peppol rules, as OpenPeppol publishes them in the phive-rules-peppol artefact:
 * the report's XML schema, then its Schematron (run with the same engine that judges invoices). A report with a
 * fatal finding is not sent. The rules are compiled when first needed, once a month, not at every node's start.
 */
public class ReportValidator {

    private final Processor saxon;
    private final SchematronRunner runner;
    private final Map<ReportKind, Schema> schemas = new EnumMap<>(ReportKind.class);
    private final Map<ReportKind, CompiledLayer> rules = new EnumMap<>(ReportKind.class);

    public ReportValidator(Processor saxon) {
        this.saxon = saxon;
        this.runner = new SchematronRunner(saxon);
    }

    /** Every finding of the schema and the rules; empty for a valid report. */
    public List<Finding> check(ReportKind kind, byte[] report) {
        List<Finding> findings = new ArrayList<>();
        Schema schema;
        CompiledLayer layer;
        synchronized (this) {
            schema = schemas.computeIfAbsent(kind, ReportValidator::schema);
            layer = rules.computeIfAbsent(kind, this::schematron);
        }
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    findings.add(new Finding("XSD", Severity.WARNING, null, e.getLineNumber(), e.getMessage()));
                }

                @Override
                public void error(SAXParseException e) {
                    findings.add(new Finding("XSD", Severity.FATAL, null, e.getLineNumber(), e.getMessage()));
                }

                @Override
                public void fatalError(SAXParseException e) {
                    error(e);
                }
            });
            validator.validate(new StreamSource(new ByteArrayInputStream(report)));
        } catch (SAXException e) {
            findings.add(Finding.fatal("XSD", "The schema check stopped: " + e.getMessage()));
            return findings;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            DocumentBuilder builder = saxon.newDocumentBuilder();
            builder.setLineNumbering(true);
            XdmNode document = builder.build(new StreamSource(new ByteArrayInputStream(report)));
            findings.addAll(runner.run(layer, document));
        } catch (SaxonApiException e) {
            findings.add(Finding.fatal("XML", "The report is not well-formed XML: " + e.getMessage()));
        }
        return findings;
    }

    private static URL resource(String path) {
        URL url = ReportValidator.class.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException("The official Peppol report rule file " + path + " is not on the"
                    + " classpath. It comes with com.helger.phive.rules:phive-rules-peppol; add it to the build.");
        }
        return url;
    }

    private static Schema schema(ReportKind kind) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar,nested");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(resource(kind.schema()));
        } catch (SAXException e) {
            throw new IllegalStateException("The schema of the " + kind + " does not compile: " + e.getMessage(), e);
        }
    }

    private CompiledLayer schematron(ReportKind kind) {
        URL url = resource(kind.schematron());
        try {
            return CompiledLayer.asPublished(kind.name(),
                    saxon.newXsltCompiler().compile(new StreamSource(url.toExternalForm())));
        } catch (SaxonApiException e) {
            throw new IllegalStateException("The rules of the " + kind + " (" + url + ") do not compile: "
                    + e.getMessage(), e);
        }
    }
}
