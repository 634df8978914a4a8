package org.opengateway.validation.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.UblSchemaValidator;
import org.opengateway.validation.rules.CompiledRules.CompiledLayer;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks a document the gateway writes in one of Peppol's own formats (an MLS, a Peppol report) against its published
 * XML schema and then its published Schematron, both read at run time from the official artefacts on the classpath.
 * The one place for "schema, then rules" of such documents; invoices have their own, layered path.
 */
public final class PublishedRuleCheck {

    private final Processor saxon;
    private final SchematronRunner runner;

    public PublishedRuleCheck(Processor saxon) {
        this.saxon = saxon;
        this.runner = new SchematronRunner(saxon);
    }

    /** Every finding of the schema and the rules; empty for a valid document. {@code what} names it in messages. */
    public List<Finding> check(byte[] document, Schema schema, CompiledLayer rules, String what) {
        List<Finding> findings = new ArrayList<>();
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
            validator.validate(new StreamSource(new ByteArrayInputStream(document)));
        } catch (SAXException e) {
            findings.add(Finding.fatal("XSD", "The schema check of the " + what + " stopped: " + e.getMessage()));
            return findings;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            DocumentBuilder builder = saxon.newDocumentBuilder();
            builder.setLineNumbering(true);
            findings.addAll(runner.run(rules, builder.build(new StreamSource(new ByteArrayInputStream(document)))));
        } catch (SaxonApiException e) {
            findings.add(Finding.fatal("XML", "The " + what + " is not well-formed XML: " + e.getMessage()));
        }
        return findings;
    }

    /** The published Schematron (as XSLT) at {@code path} on the classpath, compiled. */
    public CompiledLayer schematron(String name, String path, String what) {
        URL url = resource(path, what);
        try {
            return CompiledLayer.asPublished(name, saxon.newXsltCompiler().compile(new StreamSource(url.toExternalForm())));
        } catch (SaxonApiException e) {
            throw new IllegalStateException("The rules of the " + what + " (" + url + ") do not compile: "
                    + e.getMessage(), e);
        }
    }

    /** The published XML schema at {@code path} on the classpath, compiled; it may import its neighbours only. */
    public static Schema schema(String path, String what) {
        URL url = resource(path, what);
        try {
            return UblSchemaValidator.jarOnlySchemaFactory().newSchema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("The schema of the " + what + " (" + url + ") does not compile: "
                    + e.getMessage(), e);
        }
    }

    private static URL resource(String path, String what) {
        URL url = PublishedRuleCheck.class.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException("The official Peppol rule file " + path + " for the " + what + " is not on"
                    + " the classpath. It comes with com.helger.phive.rules:phive-rules-peppol; add it to the build.");
        }
        return url;
    }
}
