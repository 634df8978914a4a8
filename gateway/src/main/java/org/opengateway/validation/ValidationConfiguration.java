package org.opengateway.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import net.sf.saxon.s9api.Processor;
import org.opengateway.document.SafeXml;
import org.opengateway.validation.rules.CompiledRules;
import org.opengateway.validation.rules.RuleCatalogue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/** Wires the validation engine; {@link Validators#standalone} builds the same without Spring for the command line. */
@Configuration
public class ValidationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Processor saxon() {
        return new Processor(false);
    }

    @Bean
    CompiledRules compiledRules(@Value("${gateway.validation.catalogue:classpath:schemas/rule-releases.json}")
            Resource catalogue, Processor saxon) {
        try {
            return new CompiledRules(RuleCatalogue.read(catalogue.getInputStream()), saxon,
                    ValidationConfiguration.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rule catalogue " + catalogue + ": " + e.getMessage(), e);
        }
    }

    @Bean
    DocumentValidation documentValidation(org.opengateway.document.DocumentReader reader, InvoiceValidator validator) {
        return new DocumentValidation(reader, validator);
    }

    @Bean
    PeppolValidator peppolValidator(UblSchemaValidator schema, CompiledRules rules, Processor saxon, SafeXml xml,
            Clock clock) {
        return new PeppolValidator(schema, rules, saxon, xml, clock);
    }
}
