package org.opengateway.reporting;

import com.helger.peppol.smp.ESMPTransportProfile;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.opengateway.document.DocumentKind;
import org.opengateway.document.ParticipantId;
import org.opengateway.receiving.ReceivedDocument;
import org.opengateway.reporting.ReportingItem.Direction;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.ServiceProviderId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records each successful transmission for Peppol Reporting. Called inside the transaction that makes the transmission
 * true (the invoice DELIVERED, the received document stored), so an item exists exactly when the transmission does.
 */
@Repository
public class ReportingItems {

    /** We send and receive over the Peppol AS4 profile only. */
    static final String TRANSPORT_PROFILE = ESMPTransportProfile.TRANSPORT_PROFILE_PEPPOL_AS4_V2.getID();
    private static final String COLUMNS = "direction, source_id, exchanged_at, own_seat, other_seat, document_type,"
            + " process, transport_profile, country_c1, country_c4, end_user";

    private final JdbcClient jdbc;
    private final String ownSeat;
    private final ReportingProperties settings;

    @Autowired
    public ReportingItems(JdbcClient jdbc, As4Keys keys, ReportingProperties settings) {
        this(jdbc, keys.seatId(), settings);
    }

    /** With our seat ID given, for tools and tests that run without the access point's keys. */
    public ReportingItems(JdbcClient jdbc, String ownSeat, ReportingProperties settings) {
        this.jdbc = jdbc;
        this.ownSeat = ownSeat;
        this.settings = settings;
    }

    /** An invoice of ours was delivered: the receiving access point gave its receipt. */
    public void recordSent(UUID invoiceId, String receivingAccessPoint, OffsetDateTime at) {
        record Sent(String sender, String kind, String customizationId, String profileId, byte[] original) {
        }
        Sent sent = jdbc.sql("SELECT i.sender_participant, i.document_type, i.customization_id, i.profile_id,"
                        + " d.content FROM invoice i JOIN invoice_document d ON d.invoice_id = i.id WHERE i.id = ?")
                .param(invoiceId)
                .query((rs, n) -> new Sent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5)))
                .single();
        DocumentKind kind = DocumentKind.INVOICE.rootName().equals(sent.kind()) ? DocumentKind.INVOICE
                : DocumentKind.CREDIT_NOTE;
        PartyCountries parties = PartyCountries.read(sent.original());
        String countryC1 = country(parties.countryC1() != null ? parties.countryC1()
                : parties.countryOf(sent.sender()), settings.defaultCountry());
        insert(new ReportingItem(Direction.SENT, at, ownSeat, receivingAccessPoint,
                kind.peppolDocumentTypeId(sent.customizationId()), sent.profileId(), TRANSPORT_PROFILE, countryC1, null,
                ParticipantId.parse(sent.sender()).toString()), invoiceId);
    }

    /**
     * A document the service provider itself sent (an MLS) reached the other access point: C1 is our seat's country
     * and the end user our service provider ID.
     */
    public void recordSentByServiceProvider(UUID sourceId, String receivingAccessPoint, String documentType,
            String process, OffsetDateTime at) {
        insert(new ReportingItem(Direction.SENT, at, ownSeat, receivingAccessPoint, documentType, process,
                TRANSPORT_PROFILE, ownSeat.substring(1, 3), null, ServiceProviderId.of(ownSeat)), sourceId);
    }

    /** A document from another access point was stored (the first time; a repeat is not counted again). */
    public void recordReceived(UUID receivedId, ReceivedDocument document, OffsetDateTime at) {
        if (ReportKind.isReport(document.documentType())) {
            return; // the reports themselves are not counted
        }
        PartyCountries parties = PartyCountries.read(document.content());
        String receiver = ParticipantId.parse(document.receiver()).toString();
        insert(new ReportingItem(Direction.RECEIVED, at, ownSeat, document.sendingAccessPoint(),
                withoutScheme(document.documentType()), withoutScheme(document.process()), TRANSPORT_PROFILE,
                country(parties.countryC1(), settings.defaultCountry()),
                country(parties.countryOf(receiver), settings.defaultCountry()), receiver), receivedId);
    }

    /** The items of a period: from (inclusive) to (exclusive). */
    public List<ReportingItem> between(OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reporting_item WHERE exchanged_at >= ? AND exchanged_at < ?")
                .params(from, to)
                .query((rs, n) -> new ReportingItem(Direction.valueOf(rs.getString("direction")),
                        rs.getObject("exchanged_at", OffsetDateTime.class), rs.getString("own_seat"),
                        rs.getString("other_seat"), rs.getString("document_type"), rs.getString("process"),
                        rs.getString("transport_profile"), rs.getString("country_c1"), rs.getString("country_c4"),
                        rs.getString("end_user")))
                .list();
    }

    private void insert(ReportingItem item, UUID sourceId) {
        jdbc.sql("INSERT INTO reporting_item (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(item.direction().name(), sourceId, item.at(), item.ownSeat(), item.otherSeat(),
                        item.documentType(), item.process(), item.transportProfile(), item.countryC1(),
                        item.countryC4(), item.endUser())
                .update();
    }

    /** "busdox-docid-qns::urn:..." or "urn:...": the value without its Peppol scheme. */
    static String withoutScheme(String identifier) {
        for (String scheme : new String[] {"busdox-docid-qns::", "cenbii-procid-ubl::"}) {
            if (identifier.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return identifier.substring(scheme.length());
            }
        }
        return identifier;
    }

    /** A two-letter country code as the reports want it, or the default when the document gives none. */
    static String country(String code, String otherwise) {
        String upper = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        return upper.matches("[A-Z0-9]{2}") ? upper : otherwise;
    }
}
