package org.opengateway.mls;

import com.helger.ubl21.UBL21Marshaller;
import java.util.List;
import javax.xml.validation.Schema;
import net.sf.saxon.s9api.Processor;
import org.opengateway.validation.Finding;
import org.opengateway.validation.UblSchemaValidator;
import org.opengateway.validation.rules.CompiledRules.CompiledLayer;
import org.opengateway.validation.rules.PublishedRuleCheck;

/**
 * Checks an MLS we built against the official rules before it is sent: the UBL 2.1 ApplicationResponse schema (from
 * ph-ubl) and OpenPeppol's MLS Schematron, read at run time from the phive-rules-peppol artefact, never copied.
 */
public class MlsRules {

    static final String SCHEMATRON = "external/schematron/mls/1.0.0/xslt/peppol-mls-1.0.0.xslt";

    private final PublishedRuleCheck published;
    private Schema schema;
    private CompiledLayer rules;

    public MlsRules(Processor saxon) {
        this.published = new PublishedRuleCheck(saxon);
    }

    /** Every finding of the schema and the rules; empty for a valid MLS. */
    public List<Finding> check(byte[] mls) {
        Schema compiled = compiled();
        return published.check(mls, compiled, rules, "MLS");
    }

    /** Compiled when first needed, so a node that never answers a document does not pay for it at start. */
    private synchronized Schema compiled() {
        if (schema == null) {
            schema = UblSchemaValidator.compile(UBL21Marshaller.getAllApplicationResponseXSDs());
            rules = published.schematron("MLS", SCHEMATRON, "MLS");
        }
        return schema;
    }
}
