package org.opengateway.document;

/** A document the gateway cannot read at all; {@code rule} names the kind of problem. */
public class XmlRefusal extends RuntimeException {

    private final String rule;
    private final Integer line;

    public XmlRefusal(String rule, String message) {
        this(rule, message, null);
    }

    public XmlRefusal(String rule, String message, Integer line) {
        super(message);
        this.rule = rule;
        this.line = line;
    }

    public String rule() {
        return rule;
    }

    public Integer line() {
        return line;
    }
}
