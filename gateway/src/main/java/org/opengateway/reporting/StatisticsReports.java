package org.opengateway.reporting;

import java.io.ByteArrayOutputStream;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.opengateway.reporting.ReportingItem.Direction;

/**
 * Writes the two monthly reports from the month's items, as the Peppol specifications lay them out (the structure
 * follows the XSDs, the subtotals and subsets the Schematron rules demand): the Transaction Statistics Report 1.0
 * and the End User Statistics Report 1.1. Keys are written in sorted order, so the same items give the same bytes.
 */
final class StatisticsReports {

    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();
    private static final String DT = "busdox-docid-qns";
    private static final String PR = "cenbii-procid-ubl";

    private StatisticsReports() {
    }

    static byte[] build(ReportKind kind, YearMonth month, String reporterSeat, List<ReportingItem> items) {
        return kind == ReportKind.TSR ? transactions(month, reporterSeat, items) : endUsers(month, reporterSeat, items);
    }

    /** One key of a subtotal or subset: meta scheme, scheme and value. */
    private record Key(String metaScheme, String scheme, String value) {
    }

    /**
     * TSR: totals in and out; subtotals per transport profile, per other access point, document type and process,
     * and (received documents only, as only their C4 country is known) the same with the C1 and C4 countries.
     */
    static byte[] transactions(YearMonth month, String reporterSeat, List<ReportingItem> items) {
        Map<List<Key>, long[]> perTransport = tally(items, item -> List.of(
                new Key("TP", "Peppol", item.transportProfile())));
        Map<List<Key>, long[]> perProvider = tally(items, item -> List.of(
                new Key("SP", "CertSubjectCN", item.otherSeat()), new Key("DT", DT, item.documentType()),
                new Key("PR", PR, item.process())));
        Map<List<Key>, long[]> perCountries = tally(
                items.stream().filter(item -> item.direction() == Direction.RECEIVED).toList(), item -> List.of(
                        new Key("SP", "CertSubjectCN", item.otherSeat()), new Key("DT", DT, item.documentType()),
                        new Key("PR", PR, item.process()), new Key("CC", "SenderCountry", item.countryC1()),
                        new Key("CC", "ReceiverCountry", item.countryC4())));
        return write(ReportKind.TSR, month, reporterSeat, xml -> {
            long incoming = items.stream().filter(item -> item.direction() == Direction.RECEIVED).count();
            xml.writeStartElement("Total");
            element(xml, "Incoming", Long.toString(incoming));
            element(xml, "Outgoing", Long.toString(items.size() - incoming));
            xml.writeEndElement();
            subtotals(xml, "PerTP", perTransport);
            subtotals(xml, "PerSP-DT-PR", perProvider);
            subtotals(xml, "PerSP-DT-PR-CC", perCountries);
        });
    }

    /**
     * EUSR: how many distinct end users sent, received, and did either, in all and per document type and process, per
     * the end user's country (C1 for senders, C4 for receivers), and both.
     */
    static byte[] endUsers(YearMonth month, String reporterSeat, List<ReportingItem> items) {
        Map<String, Function<ReportingItem, List<Key>>> subsets = new java.util.LinkedHashMap<>();
        subsets.put("PerDT-PR", item -> List.of(new Key("DT", DT, item.documentType()),
                new Key("PR", PR, item.process())));
        subsets.put("PerDT-PR-EUC", item -> List.of(new Key("DT", DT, item.documentType()),
                new Key("PR", PR, item.process()), new Key("CC", "EndUserCountry", item.endUserCountry())));
        subsets.put("PerDT-EUC", item -> List.of(new Key("DT", DT, item.documentType()),
                new Key("CC", "EndUserCountry", item.endUserCountry())));
        subsets.put("PerEUC", item -> List.of(new Key("CC", "EndUserCountry", item.endUserCountry())));
        return write(ReportKind.EUSR, month, reporterSeat, xml -> {
            xml.writeStartElement("FullSet");
            endUserCounts(xml, new EndUsers().addAll(items));
            xml.writeEndElement();
            for (var subset : subsets.entrySet()) {
                Map<String, Map.Entry<List<Key>, EndUsers>> byKey = new TreeMap<>();
                for (ReportingItem item : items) {
                    List<Key> keys = subset.getValue().apply(item);
                    byKey.computeIfAbsent(sortKey(keys), k -> Map.entry(keys, new EndUsers())).getValue().add(item);
                }
                for (var entry : byKey.values()) {
                    xml.writeStartElement("Subset");
                    xml.writeAttribute("type", subset.getKey());
                    keys(xml, entry.getKey());
                    endUserCounts(xml, entry.getValue());
                    xml.writeEndElement();
                }
            }
        });
    }

    /** The distinct end users that sent, received, and did either. */
    private static final class EndUsers {
        final Set<String> sending = new HashSet<>();
        final Set<String> receiving = new HashSet<>();
        final Set<String> either = new HashSet<>();

        EndUsers add(ReportingItem item) {
            (item.direction() == Direction.SENT ? sending : receiving).add(item.endUser());
            either.add(item.endUser());
            return this;
        }

        EndUsers addAll(List<ReportingItem> items) {
            items.forEach(this::add);
            return this;
        }
    }

    private static void endUserCounts(XMLStreamWriter xml, EndUsers users) throws XMLStreamException {
        element(xml, "SendingEndUsers", Integer.toString(users.sending.size()));
        element(xml, "ReceivingEndUsers", Integer.toString(users.receiving.size()));
        element(xml, "SendingOrReceivingEndUsers", Integer.toString(users.either.size()));
    }

    /** Counts per key: [incoming, outgoing], sorted by key. */
    private static Map<List<Key>, long[]> tally(List<ReportingItem> items, Function<ReportingItem, List<Key>> key) {
        Map<String, Map.Entry<List<Key>, long[]>> counts = new TreeMap<>();
        for (ReportingItem item : items) {
            List<Key> keys = key.apply(item);
            counts.computeIfAbsent(sortKey(keys), k -> Map.entry(keys, new long[2]))
                    .getValue()[item.direction() == Direction.RECEIVED ? 0 : 1]++;
        }
        Map<List<Key>, long[]> sorted = new java.util.LinkedHashMap<>();
        counts.values().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** The key's values, joined by a character no identifier holds: what subtotals and subsets are sorted by. */
    private static String sortKey(List<Key> keys) {
        StringBuilder text = new StringBuilder();
        for (Key key : keys) {
            text.append(key.value()).append('\u0001');
        }
        return text.toString();
    }

    private static void subtotals(XMLStreamWriter xml, String type, Map<List<Key>, long[]> counts)
            throws XMLStreamException {
        for (var entry : counts.entrySet()) {
            xml.writeStartElement("Subtotal");
            xml.writeAttribute("type", type);
            keys(xml, entry.getKey());
            element(xml, "Incoming", Long.toString(entry.getValue()[0]));
            element(xml, "Outgoing", Long.toString(entry.getValue()[1]));
            xml.writeEndElement();
        }
    }

    private static void keys(XMLStreamWriter xml, List<Key> keys) throws XMLStreamException {
        for (Key key : keys) {
            xml.writeStartElement("Key");
            xml.writeAttribute("metaSchemeID", key.metaScheme());
            xml.writeAttribute("schemeID", key.scheme());
            xml.writeCharacters(key.value());
            xml.writeEndElement();
        }
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** The root, CustomizationID, ProfileID and Header every report has, around the report's own body. */
    private static byte[] write(ReportKind kind, YearMonth month, String reporterSeat, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(kind.rootName());
            xml.writeDefaultNamespace(kind.namespace());
            xml.setDefaultNamespace(kind.namespace());
            element(xml, "CustomizationID", kind.customizationId());
            element(xml, "ProfileID", ReportKind.PROCESS);
            xml.writeStartElement("Header");
            xml.writeStartElement("ReportPeriod");
            element(xml, "StartDate", month.atDay(1).toString());
            element(xml, "EndDate", month.atEndOfMonth().toString());
            xml.writeEndElement();
            xml.writeStartElement("ReporterID");
            xml.writeAttribute("schemeID", "CertSubjectCN");
            xml.writeCharacters(reporterSeat);
            xml.writeEndElement();
            xml.writeEndElement();
            body.write(xml);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the " + kind + " of " + month + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
