package org.opengateway.validation;

/**
 * One thing wrong with a document. {@code rule} is the rule's id (such as {@code XSD} or {@code BR-CO-15}),
 * {@code location} an XPath where one is known, {@code line} the line in the original file where one is known.
 */
public record Finding(String rule, Severity severity, String location, Integer line, String message) {

    public static Finding fatal(String rule, String message) {
        return new Finding(rule, Severity.FATAL, null, null, message);
    }
}
