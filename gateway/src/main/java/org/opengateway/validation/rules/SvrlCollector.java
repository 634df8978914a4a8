package org.opengateway.validation.rules;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the schematron report (SVRL) as it is written, keeping only the failed assertions and successful reports:
 * no report tree is built.
 */
final class SvrlCollector extends DefaultHandler {

    static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

    /** One assertion that fired: its rule id, flag (fatal, warning...), location and message. */
    record Raw(String rule, String flag, String location, String message, int pattern) {
    }

    private final List<Raw> fired = new ArrayList<>();
    private String rule;
    private int pattern;
    private String flag;
    private String location;
    private StringBuilder text;
    private boolean inText;

    List<Raw> fired() {
        return fired;
    }

    /**
     * Puts the findings of rules rewritten into one walk back in the order of the original: pattern by pattern, in
     * document order within each (a stable sort: the walk met them in document order).
     */
    void inPatternOrder() {
        fired.sort(java.util.Comparator.comparingInt(Raw::pattern));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (!SVRL.equals(uri)) {
            return;
        }
        if ("failed-assert".equals(localName) || "successful-report".equals(localName)) {
            rule = attributes.getValue("id");
            flag = attributes.getValue("flag");
            location = attributes.getValue("location");
            String position = attributes.getValue(RuleOptimizer.PATTERN);
            pattern = position == null ? 0 : Integer.parseInt(position);
            text = new StringBuilder();
        } else if ("text".equals(localName) && text != null) {
            inText = true;
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inText) {
            text.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (!SVRL.equals(uri)) {
            return;
        }
        if ("text".equals(localName)) {
            inText = false;
        } else if (("failed-assert".equals(localName) || "successful-report".equals(localName)) && text != null) {
            fired.add(new Raw(rule, flag, location, text.toString().replaceAll("\\s+", " ").trim(), pattern));
            text = null;
        }
    }
}
