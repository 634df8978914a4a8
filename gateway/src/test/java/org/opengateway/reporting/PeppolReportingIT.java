package org.opengateway.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Peppol Reporting on the real gateway: an invoice sent over AS4 to ourselves is counted once as sent and once as
 * received; the monthly job, run with a set moment instead of waiting for the calendar, builds the month's TSR and
 * EUSR, checks them against the official rules and sends them over AS4 to the demo reporting participant this
 * gateway serves in the local network, which receives each once.
 */
class PeppolReportingIT extends GatewayIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Autowired
    MonthlyReporting job;
    @Autowired
    PeppolReports reports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void aDeliveredInvoiceIsCountedOnceEachWayAndTheMonthsReportsReachTheReportingParticipant() {
        DemoCompany sender = demo("sender");
        DemoCompany receiver = demo("receiver");
        String id = json(post(sender.apiKey(), TestInvoices.invoiceBytes(uniqueNumber("REP"), sender.participant(),
                receiver.participant()))).get("id").asString();
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(
                json(get(sender.apiKey(), "/api/v1/invoices/" + id)).get("status").asString()));

        Map<String, Object> sent = item("SENT", UUID.fromString(id));
        assertThat(sent).containsEntry("other_seat", "PSE000002").containsEntry("own_seat", "PSE000002")
                .containsEntry("country_c1", "SE").containsEntry("end_user", sender.participant())
                .containsEntry("process", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
                .containsEntry("transport_profile", "peppol-transport-as4-v2_0");
        assertThat((String) sent.get("document_type")).startsWith("urn:oasis:names:specification:ubl:schema:xsd:"
                + "Invoice-2::Invoice##urn:cen.eu:en16931:2017");
        UUID receivedId = jdbc.sql("SELECT id FROM received_document WHERE sbdh_instance_id ="
                        + " (SELECT sbdh_instance_id FROM delivery WHERE invoice_id = ?)")
                .param(UUID.fromString(id)).query(UUID.class).single();
        assertThat(item("RECEIVED", receivedId)).containsEntry("country_c1", "SE").containsEntry("country_c4", "SE")
                .containsEntry("end_user", receiver.participant()).containsEntry("other_seat", "PSE000002")
                .containsEntry("document_type", sent.get("document_type"));

        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        job.runAt(thisMonth.plusMonths(1).atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC));
        for (ReportKind kind : ReportKind.values()) {
            PeppolReport report = awaitSent(thisMonth, kind);
            assertThat(report.receivingAccessPoint()).isEqualTo("PSE000002");
            assertThat(receivedBySbdh(report.sbdhInstanceId())).isEqualTo(1);
        }
        String tsr = new String(reports.content(thisMonth, ReportKind.TSR).orElseThrow());
        long outgoing = countItems(thisMonth, "SENT");
        long incoming = countItems(thisMonth, "RECEIVED");
        assertThat(outgoing).isPositive();
        assertThat(incoming).isPositive();
        // other tests may add traffic after the report was built, so the report counts at most what is there now
        assertThat(tsr).containsPattern("<Total><Incoming>[1-9][0-9]*</Incoming><Outgoing>[1-9][0-9]*</Outgoing>");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reporting_item WHERE document_type LIKE '%StatisticsReport%'")
                .query(Long.class).single()).as("the reports themselves are not counted").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM received_document r JOIN company c ON c.id = r.company_id"
                        + " WHERE c.slug = 'peppol-reporting-demo' AND r.sender_participant LIKE '%0242:000002'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void twoNodesRunningTheJobAtOnceMakeAndSendEachReportOnceAlsoForAMonthWithoutTraffic() throws Exception {
        // two nodes are two threads here, sharing the one database as nodes do
        YearMonth quiet = YearMonth.of(2019, 3);
        Instant secondOfApril = Instant.parse("2019-04-02T06:00:00Z");
        CyclicBarrier start = new CyclicBarrier(2);
        // the gateway's own timer runs the job at today's date, to which the leases of this test's moment in 2019
        // have long ended: it would take the reports up again. Paused here, so only the two nodes below run it.
        camel.getRouteController().stopRoute("peppol-reporting");
        try {
            List<CompletableFuture<Integer>> nodes = List.of(1, 2).stream()
                    .map(n -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return job.runAt(secondOfApril);
                    })).toList();
            for (CompletableFuture<Integer> node : nodes) {
                node.get();
            }
            assertEachReportSentOnce(quiet);
        } finally {
            camel.getRouteController().startRoute("peppol-reporting");
        }
    }

    private void assertEachReportSentOnce(YearMonth quiet) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM peppol_report WHERE report_month = ?").param(quiet.toString())
                .query(Long.class).single()).isEqualTo(2);
        for (ReportKind kind : ReportKind.values()) {
            PeppolReport report = awaitSent(quiet, kind);
            assertThat(report.attempts()).as("sent in one attempt, by one node").isEqualTo(1);
            assertThat(receivedBySbdh(report.sbdhInstanceId())).isEqualTo(1);
        }
        assertThat(new String(reports.content(quiet, ReportKind.TSR).orElseThrow()))
                .contains("<Total><Incoming>0</Incoming><Outgoing>0</Outgoing></Total>")
                .contains("<StartDate>2019-03-01</StartDate><EndDate>2019-03-31</EndDate>");
        assertThat(new String(reports.content(quiet, ReportKind.EUSR).orElseThrow()))
                .contains("<SendingOrReceivingEndUsers>0</SendingOrReceivingEndUsers>");
        // after the 15th nothing new is made for the month before
        job.runAt(Instant.parse("2019-05-16T06:00:00Z"));
        assertThat(reports.find(YearMonth.of(2019, 4), ReportKind.TSR)).isEmpty();
    }

    @Test
    void operatorsSeeEachMonthFetchTheReportsAndRerunAMonth() {
        YearMonth may = YearMonth.of(2019, 5);
        job.runAt(Instant.parse("2019-06-01T00:30:00Z"));
        PeppolReport first = awaitSent(may, ReportKind.TSR);

        assertThat(get(null, "/api/v1/operator/reports").statusCode()).isEqualTo(401);
        HttpResponse<String> companyKey = get(demo("sender").apiKey(), "/api/v1/operator/reports");
        assertThat(companyKey.statusCode()).isEqualTo(401);
        assertThat(companyKey.body()).contains("not the operator key");

        HttpResponse<String> list = get(OPERATOR_API_KEY, "/api/v1/operator/reports");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode tsr = find(json(list), "2019-05", "TSR");
        assertThat(tsr.get("status").asString()).isEqualTo("SENT");
        assertThat(tsr.get("document").asString()).isEqualTo("/api/v1/operator/reports/2019-05/TSR");

        HttpResponse<String> xml = get(OPERATOR_API_KEY, "/api/v1/operator/reports/2019-05/tsr");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).contains("<TransactionStatisticsReport");
        assertThat(get(OPERATOR_API_KEY, "/api/v1/operator/reports/2019-05/XYZ").body()).contains("use TSR or EUSR");
        assertThat(get(OPERATOR_API_KEY, "/api/v1/operator/reports/2019-13/TSR").body())
                .contains("'2019-13' is not a month written YYYY-MM");

        HttpResponse<String> rerun = postOperator("/api/v1/operator/reports/2019-05/rerun");
        assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(200);
        assertThat(rerun.body()).contains("\"rerun\":[\"TSR\",\"EUSR\"]");
        job.runAt(Instant.now());
        PeppolReport again = awaitSent(may, ReportKind.TSR);
        assertThat(again.as4MessageId()).isNotEqualTo(first.as4MessageId());
        assertThat(receivedBySbdh(again.sbdhInstanceId())).isEqualTo(1);

        String future = YearMonth.now(ZoneOffset.UTC).toString();
        HttpResponse<String> notOver = postOperator("/api/v1/operator/reports/" + future + "/rerun");
        assertThat(notOver.statusCode()).isEqualTo(400);
        assertThat(notOver.body()).contains("is not over yet");
    }

    private HttpResponse<String> postOperator(String path) {
        return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + OPERATOR_API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode find(JsonNode list, String month, String kind) {
        for (JsonNode report : list) {
            if (report.get("month").asString().equals(month) && report.get("kind").asString().equals(kind)) {
                return report;
            }
        }
        throw new AssertionError("No " + kind + " of " + month + " in " + list);
    }

    private PeppolReport awaitSent(YearMonth month, ReportKind kind) {
        // the job of this node's timer may be the one that sends it; either way it ends SENT (on a busy machine the
        // first attempt may time out, and a retry follows a second later in the tests)
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            job.runAt(Instant.now());
            assertThat(reports.find(month, kind).orElseThrow().status()).as(reports.find(month, kind).toString())
                    .isEqualTo(ReportStatus.SENT);
        });
        return reports.find(month, kind).orElseThrow();
    }

    private Map<String, Object> item(String direction, UUID source) {
        return jdbc.sql("SELECT * FROM reporting_item WHERE direction = ? AND source_id = ?")
                .params(direction, source).query().singleRow();
    }

    private long receivedBySbdh(String sbdhInstanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM received_document WHERE sbdh_instance_id = ?").param(sbdhInstanceId)
                .query(Long.class).single();
    }

    private long countItems(YearMonth month, String direction) {
        return jdbc.sql("SELECT COUNT(*) FROM reporting_item WHERE direction = ? AND exchanged_at >= ?"
                        + " AND exchanged_at < ?")
                .params(direction, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                        month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
    }
}
