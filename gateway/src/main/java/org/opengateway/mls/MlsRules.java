package org.opengateway.mls;

import com.helger.ubl21.UBL21Marshaller;
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
import org.opengateway.validation.UblSchemaValidator;
import org.opengateway.validation.rules.CompiledRules.CompiledLayer;
import org.opengateway.validation.rules.SchematronRunner;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks an MLS we built against the official rules before it is sent: the UBL 2.1 ApplicationResponse schema (from
 * ph-ubl) and OpenPeppol's MLS Schematron, read at run time from the phive-rules-peppol artefact, never copied.
 */
public class MlsRules {

    static final String SCHEMATRON = "external/schematron/mls/1.0.0/xslt/peppol-mls-1.0.0.xslt";

    private final Processor saxon;
    private final SchematronRunner runner;
    private Schema schema;
    private CompiledLayer rules;

    public MlsRules(Processor saxon) {
        this.saxon = saxon;
        this.runner = new SchematronRunner(saxon);
    }

    /** Every finding of the schema and the rules; empty for a valid MLS. */
    public List<Finding> check(byte[] mls) {
        List<Finding> findings = new ArrayList<>();
        Validator validator = compiled().newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) {
                    findings.add(new Finding("XSD", org.opengateway.validation.Severity.FATAL, null, e.getLineNumber(),
                            e.getMessage()));
                }

                @Override
                public void fatalError(SAXParseException e) {
                    error(e);
                }
            });
            validator.validate(new StreamSource(new ByteArrayInputStream(mls)));
        } catch (SAXException e) {
            findings.add(Finding.fatal("XSD", "The schema check stopped: " + e.getMessage()));
            return findings;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            DocumentBuilder builder = saxon.newDocumentBuilder();
            builder.setLineNumbering(true);
            findings.addAll(runner.run(rules, builder.build(new StreamSource(new ByteArrayInputStream(mls)))));
        } catch (SaxonApiException e) {
            findings.add(Finding.fatal("XML", "The MLS is not well-formed XML: " + e.getMessage()));
        }
        return findings;
    }

    /** Compiled when first needed, so a node that never answers a document does not pay for it at start. */
    private synchronized Schema compiled() {
        if (schema == null) {
            schema = UblSchemaValidator.compile(UBL21Marshaller.getAllApplicationResponseXSDs());
            URL url = MlsRules.class.getClassLoader().getResource(SCHEMATRON);
            if (url == null) {
                throw new IllegalStateException("The official Peppol MLS rule file " + SCHEMATRON + " is not on the"
                        + " classpath. It comes with com.helger.phive.rules:phive-rules-peppol; add it to the build.");
            }
            try {
                rules = CompiledLayer.asPublished("MLS",
                        saxon.newXsltCompiler().compile(new StreamSource(url.toExternalForm())));
            } catch (SaxonApiException e) {
                throw new IllegalStateException("The MLS rules (" + url + ") do not compile: " + e.getMessage(), e);
            }
        }
        return schema;
    }
}
