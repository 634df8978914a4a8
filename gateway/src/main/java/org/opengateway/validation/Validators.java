package org.opengateway.validation;

import java.io.InputStream;
import java.time.Clock;
import net.sf.saxon.s9api.Processor;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.SafeXml;
import org.opengateway.validation.rules.CompiledRules;
import org.opengateway.validation.rules.RuleCatalogue;

/** Builds the validation engine without Spring, for the command line and benchmarks; the gateway wires the same parts. */
public final class Validators {

    public static final String CATALOGUE = "schemas/rule-releases.json";

    private Validators() {
    }

    public static DocumentValidation standalone(Clock clock) {
        ClassLoader loader = Validators.class.getClassLoader();
        InputStream catalogue = loader.getResourceAsStream(CATALOGUE);
        if (catalogue == null) {
            throw new IllegalStateException("The rule catalogue " + CATALOGUE + " is not on the classpath.");
        }
        Processor saxon = new Processor(false);
        SafeXml xml = new SafeXml();
        PeppolValidator validator = new PeppolValidator(new UblSchemaValidator(),
                new CompiledRules(RuleCatalogue.read(catalogue), saxon, loader), saxon, xml, clock);
        return new DocumentValidation(new DocumentReader(xml), validator);
    }
}
