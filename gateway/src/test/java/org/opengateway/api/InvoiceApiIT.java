package org.opengateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opengateway.intake.RefusedSubmissions;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class InvoiceApiIT extends GatewayIT {

    @Autowired
    RefusedSubmissions refused;

    @Test
    void acceptsAValidInvoiceAndTracksIt() {
        DemoCompany sender = demo("sender");
        DemoCompany receiver = demo("receiver");
        String number = uniqueNumber("API");
        byte[] original = TestInvoices.invoiceBytes(number, sender.participant(), receiver.participant());

        HttpResponse<String> answer = post(sender.apiKey(), original);

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode body = json(answer);
        String id = body.get("id").asString();
        assertThat(body.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(answer.headers().firstValue("Location")).hasValue("/api/v1/invoices/" + id);

        JsonNode invoice = json(get(sender.apiKey(), "/api/v1/invoices/" + id));
        assertThat(invoice.get("status").asString()).isIn(ACCEPTED_OR_LATER);
        assertThat(invoice.get("channel").asString()).isEqualTo("API");
        assertThat(invoice.get("invoiceNumber").asString()).isEqualTo(number);
        assertThat(invoice.get("documentType").asString()).isEqualTo("Invoice");
        assertThat(invoice.get("issueDate").asString()).isEqualTo("2026-11-20");
        assertThat(invoice.get("currency").asString()).isEqualTo("SEK");
        assertThat(invoice.get("total").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(invoice.get("sender").asString()).isEqualTo(sender.participant());
        assertThat(invoice.get("receiver").asString()).isEqualTo(receiver.participant());
        assertThat(invoice.get("history").findValuesAsString("status")).startsWith("RECEIVED", "ACCEPTED");
        assertThat(invoice.get("ruleset").asString()).isEqualTo("peppol-billing-2026.5");
        assertThat(invoice.get("history").get(0).get("at").asString()).isNotBlank();

        HttpResponse<byte[]> document = send(HttpRequest.newBuilder(url("/api/v1/invoices/" + id + "/document"))
                .header("Authorization", "Bearer " + sender.apiKey()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(document.body()).isEqualTo(original);
        assertThat(invoice.get("documentSha256").asString())
                .isEqualTo(org.opengateway.document.Sha256.hex(original));
    }

    @Test
    void rejectsASchemaInvalidInvoiceWith422AndKeepsIt() {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("BAD");
        byte[] original = TestInvoices.schemaInvalid(number, sender.participant(), "0007:5564982212")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = post(sender.apiKey(), original);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(answer);
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("rule").asString()).isEqualTo("XSD");
        assertThat(error.get("severity").asString()).isEqualTo("fatal");
        assertThat(error.get("message").asString()).contains("ColourOfPaper");
        assertThat(error.get("location").asString()).startsWith("/Invoice");

        String id = problem.get("id").asString();
        JsonNode stored = json(get(sender.apiKey(), "/api/v1/invoices/" + id));
        assertThat(stored.get("status").asString()).isEqualTo("REJECTED");
        assertThat(stored.get("statusReason").asString()).contains("ColourOfPaper");
        assertThat(stored.get("findings").get(0).get("rule").asString()).isEqualTo("XSD");
        assertThat(stored.get("documentSize").asLong()).isEqualTo(original.length);
    }

    @Test
    void acceptsAnInvoiceWrappedInAnSbdhAndACreditNote() {
        DemoCompany sender = demo("sender");
        String receiver = freshParticipant();
        String wrapped = TestInvoices.inSbdh(
                TestInvoices.invoice(uniqueNumber("SBDH"), sender.participant(), receiver),
                "iso6523-actorid-upis::" + sender.participant(), receiver);
        HttpResponse<String> answer = post(sender.apiKey(), wrapped.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

        HttpResponse<String> credit = post(sender.apiKey(), TestInvoices.creditNote(uniqueNumber("CN"),
                sender.participant(), receiver).getBytes(StandardCharsets.UTF_8));
        assertThat(credit.statusCode()).as(credit.body()).isEqualTo(202);
        JsonNode stored = json(get(sender.apiKey(), "/api/v1/invoices/" + json(credit).get("id").asString()));
        assertThat(stored.get("documentType").asString()).isEqualTo("CreditNote");
    }

    @Test
    void aCompanyMaySendOnlyAsItself() {
        DemoCompany sender = demo("sender");
        DemoCompany receiver = demo("receiver");
        // the receiver's key, but the invoice's supplier is the sender company
        HttpResponse<String> answer = post(receiver.apiKey(),
                TestInvoices.invoiceBytes(uniqueNumber("SPOOF"), sender.participant(), receiver.participant()));
        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode problem = json(answer);
        assertThat(problem.get("errors").get(0).get("rule").asString()).isEqualTo("SENDER");
        assertThat(problem.get("detail").asString()).contains(sender.participant()).contains("only as itself");

        // a self-billing invoice is sent by the customer
        HttpResponse<String> selfBilled = post(receiver.apiKey(), TestInvoices.selfBilled(uniqueNumber("SB"),
                sender.participant(), receiver.participant()).getBytes(StandardCharsets.UTF_8));
        assertThat(selfBilled.statusCode()).as(selfBilled.body()).isEqualTo(202);
        JsonNode stored = json(get(receiver.apiKey(), "/api/v1/invoices/" + json(selfBilled).get("id").asString()));
        assertThat(stored.get("sender").asString()).isEqualTo(receiver.participant());
        assertThat(stored.get("receiver").asString()).isEqualTo(sender.participant());
    }

    @Test
    void aCompanyNeverSeesAnotherCompanysInvoice() {
        DemoCompany sender = demo("sender");
        DemoCompany receiver = demo("receiver");
        String number = uniqueNumber("PRIVATE");
        String id = json(post(sender.apiKey(),
                TestInvoices.invoiceBytes(number, sender.participant(), receiver.participant()))).get("id").asString();

        HttpResponse<String> other = get(receiver.apiKey(), "/api/v1/invoices/" + id);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain(number);
        assertThat(get(receiver.apiKey(), "/api/v1/invoices/" + id + "/document").statusCode()).isEqualTo(404);
        JsonNode list = json(get(receiver.apiKey(), "/api/v1/invoices?invoiceNumber=" + number));
        assertThat(list.get("total").asLong()).isZero();
        assertThat(get(sender.apiKey(), "/api/v1/invoices/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesCallsWithoutAValidApiKeyAndKeepsWhatWasSent() {
        DemoCompany sender = demo("sender");
        long before = refused.count();
        byte[] body = TestInvoices.invoiceBytes(uniqueNumber("NOKEY"), sender.participant(), "0007:5564982212");

        HttpResponse<String> missing = post(null, body);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("detail").asString()).contains("No API key");

        HttpResponse<String> unknown = post("gw_not-a-real-key", body);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(unknown).get("detail").asString()).contains("not known");

        assertThat(get(null, "/api/v1/invoices").statusCode()).isEqualTo(401);
        assertThat(refused.count()).isEqualTo(before + 2);
    }

    @Test
    void theSameIdempotencyKeyGivesTheFirstAnswerAndADifferentBodyConflicts() {
        DemoCompany sender = demo("sender");
        String key = java.util.UUID.randomUUID().toString();
        String number = uniqueNumber("IDEM");
        byte[] body = TestInvoices.invoiceBytes(number, sender.participant(), "0007:5564982212");

        HttpResponse<String> first = post(sender.apiKey(), body, "Idempotency-Key", key);
        HttpResponse<String> again = post(sender.apiKey(), body, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(json(get(sender.apiKey(), "/api/v1/invoices?invoiceNumber=" + number)).get("total").asLong())
                .isEqualTo(1);

        HttpResponse<String> conflict = post(sender.apiKey(),
                TestInvoices.invoiceBytes(uniqueNumber("IDEM2"), sender.participant(), "0007:5564982212"),
                "Idempotency-Key", key);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("detail").asString()).contains(key);
    }

    @Test
    void theSameBytesSentTwiceMakeOneInvoice() {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("TWICE");
        byte[] body = TestInvoices.invoiceBytes(number, sender.participant(), "0007:5564982212");
        String first = json(post(sender.apiKey(), body)).get("id").asString();
        String second = json(post(sender.apiKey(), body)).get("id").asString();
        assertThat(second).isEqualTo(first);
        assertThat(json(get(sender.apiKey(), "/api/v1/invoices?invoiceNumber=" + number)).get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void refusesADocumentOverTheSizeLimitWith413AndRecordsIt() {
        DemoCompany sender = demo("sender");
        byte[] huge = new byte[20 * 1024 * 1024 + 10];
        Arrays.fill(huge, (byte) ' ');
        byte[] start = "<?xml version=\"1.0\"?><Invoice>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, huge, 0, start.length);

        HttpResponse<String> answer = post(sender.apiKey(), huge);

        assertThat(answer.statusCode()).isEqualTo(413);
        JsonNode problem = json(answer);
        assertThat(problem.get("detail").asString()).contains("20.0 MB").contains("kept at");
        JsonNode stored = json(get(sender.apiKey(), "/api/v1/invoices/" + problem.get("id").asString()));
        assertThat(stored.get("status").asString()).isEqualTo("REJECTED");
        assertThat(stored.get("documentSize").asLong()).isEqualTo(huge.length);
        assertThat(stored.get("findings").get(0).get("rule").asString()).isEqualTo("SIZE");
    }

    @Test
    void listsWithFiltersAndPaging() {
        DemoCompany sender = demo("sender");
        String receiver = freshParticipant();
        for (int i = 0; i < 3; i++) {
            assertThat(post(sender.apiKey(), TestInvoices.invoiceBytes(uniqueNumber("LIST"), sender.participant(),
                    receiver)).statusCode()).isEqualTo(202);
        }
        post(sender.apiKey(), TestInvoices.schemaInvalid(uniqueNumber("LIST"), sender.participant(), receiver)
                .getBytes(StandardCharsets.UTF_8));

        JsonNode all = json(get(sender.apiKey(), "/api/v1/invoices?receiver=" + receiver));
        assertThat(all.get("total").asLong()).isEqualTo(4);
        JsonNode rejected = json(get(sender.apiKey(), "/api/v1/invoices?receiver=" + receiver + "&status=REJECTED"));
        assertThat(rejected.get("total").asLong()).isEqualTo(1);
        JsonNode page = json(get(sender.apiKey(), "/api/v1/invoices?receiver=" + receiver + "&size=2&page=1"));
        assertThat(page.get("items").size()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(json(get(sender.apiKey(), "/api/v1/invoices?receiver=" + receiver + "&from=" + today + "&to="
                + today)).get("total").asLong()).isEqualTo(4);
        assertThat(json(get(sender.apiKey(), "/api/v1/invoices?receiver=" + receiver + "&to=2020-01-01"))
                .get("total").asLong()).isZero();

        HttpResponse<String> bad = get(sender.apiKey(), "/api/v1/invoices?status=LOST");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").asString()).contains("status").contains("ACCEPTED");
        HttpResponse<String> badDate = get(sender.apiKey(), "/api/v1/invoices?from=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json(badDate).get("detail").asString()).contains("YYYY-MM-DD");
    }

    @Test
    void validatesWithoutSubmitting() {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("CHECK");
        byte[] missingBuyerReference = TestInvoices.invoice(number, sender.participant(), "0007:5564982212")
                .replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", "").getBytes(StandardCharsets.UTF_8);

        // sent as curl sends --data-binary without a Content-Type: as a form
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/api/v1/validate?allLayers=true"))
                .header("Authorization", "Bearer " + sender.apiKey())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(missingBuyerReference)).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode report = json(answer);
        assertThat(report.has("file")).isFalse();
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("ruleset").asString()).isEqualTo("peppol-billing-2026.5");
        JsonNode finding = report.get("findings").get(0);
        assertThat(finding.get("rule").asString()).isEqualTo("PEPPOL-EN16931-R003");
        assertThat(finding.get("line").asInt()).isPositive();
        assertThat(json(get(sender.apiKey(), "/api/v1/invoices?invoiceNumber=" + number)).get("total").asLong())
                .as("nothing is stored").isZero();
        assertThat(send(HttpRequest.newBuilder(url("/api/v1/validate"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(missingBuyerReference)).build()).statusCode())
                .as("without an API key").isEqualTo(401);
    }

    @Test
    void publishesAnOpenApiDescriptionAndReportsReadiness() {
        HttpResponse<String> openApi = get(null, "/v3/api-docs");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(json(openApi).get("paths").has("/api/v1/invoices")).isTrue();

        JsonNode health = json(get(null, "/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("intake").get("details").get("routes").toString())
                .contains("intake-file", "intake-queue", "invoice-events");
    }
}
