package org.opengateway.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.document.ParticipantId;
import org.opengateway.testing.GatewayIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Importing a customer register over the API: real CSV and xlsx files made here, imported in the background by the
 * running gateway into its real database, each customer looked up against the gateway's directory.
 */
class CustomerImportIT extends GatewayIT {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    CompanyDirectory companies;

    private record Caller(Company company, String key) {
        String path(String rest) {
            return "/api/v1/companies/" + company.id() + rest;
        }
    }

    private Caller newCompany() {
        String participant = freshParticipant();
        Company company = companies.register("i-" + participant.substring(5), "Importer " + participant.substring(5),
                participant.substring(5), List.of(ParticipantId.parse(participant)));
        return new Caller(company, companies.createApiKey(company.id(), "test"));
    }

    private HttpResponse<String> upload(Caller caller, byte[] file, String contentType) {
        return send(HttpRequest.newBuilder(url(caller.path("/customers/imports")))
                .header("Authorization", "Bearer " + caller.key()).header("Content-Type", contentType)
                .header("X-File-Name", "customers").POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
    }

    private HttpResponse<String> uploadForm(Caller caller, byte[] file, String fileName) {
        String boundary = "----" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + XLSX + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return send(HttpRequest.newBuilder(url(caller.path("/customers/imports")))
                .header("Authorization", "Bearer " + caller.key())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Waits for the import to end and answers its last progress. */
    private JsonNode awaitDone(Caller caller, HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).contains(caller.path("/customers/imports/" + id));
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode progress = json(get(caller.key(), caller.path("/customers/imports/" + id)));
            seen.add(progress);
            return !List.of("QUEUED", "RUNNING").contains(progress.get("status").asString());
        });
        // rows done never go back, and never pass the total
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).get("rowsDone").asInt()).isGreaterThanOrEqualTo(seen.get(i - 1).get("rowsDone").asInt());
        }
        return seen.get(seen.size() - 1);
    }

    private JsonNode report(Caller caller, JsonNode progress) {
        return json(get(caller.key(), caller.path("/customers/imports/" + progress.get("id").asString() + "/report")));
    }

    private String register() {
        String receiver = demo("receiver").participant().substring(5);
        String stranger = freshParticipant().substring(5);
        String quiet = freshParticipant().substring(5);
        return "\uFEFFName;Organisation number;Country;E-mail;Address\n"
                + "Demo Receiver AB;" + receiver.substring(0, 6) + "-" + receiver.substring(6) + ";SE;;\"Box 1; Lund\"\n"
                + "Stranger AB;" + stranger + ";SE;invoices@stranger.example;\n"
                + "Quiet AB;" + quiet + ";SE;;\n"
                + ";" + stranger + ";SE;;\n"
                + "Bad Number AB;5567321708;SE;;\n"
                + "Far Away Ltd;123;ZZ;;\n"
                + "Bad Mail AB;" + quiet + ";SE;not-an-address;\n";
    }

    @Test
    void eachRowIsCheckedLookedUpAndReported() {
        Caller caller = newCompany();

        JsonNode done = awaitDone(caller, upload(caller, register().getBytes(StandardCharsets.UTF_8), "text/csv"));

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("totalRows").asInt()).isEqualTo(7);
        assertThat(done.get("rowsDone").asInt()).isEqualTo(7);
        assertThat(done.get("counts").toString()).isEqualTo("{\"peppol\":1,\"email\":1,\"unknown\":1,\"invalid\":4}");
        JsonNode report = report(caller, done);
        assertThat(report).hasSize(7);
        assertThat(report.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(report.get(0).get("outcome").asString()).isEqualTo("PEPPOL");
        assertThat(report.get(0).get("participant").asString()).isEqualTo(demo("receiver").participant());
        assertThat(report.get(1).get("outcome").asString()).isEqualTo("EMAIL");
        assertThat(report.get(2).get("outcome").asString()).isEqualTo("UNKNOWN");
        assertThat(report.get(3).get("reason").asString()).isEqualTo("Line 5: name is missing.");
        assertThat(report.get(4).get("reason").asString()).isEqualTo("Line 6: organisation number '5567321708' is"
                + " not a valid SE organisation number; expected 10 digits, e.g. 5567321707 or 556732-1707.");
        assertThat(report.get(5).get("reason").asString()).startsWith("Line 7: country 'ZZ' is not one");
        assertThat(report.get(6).get("reason").asString()).isEqualTo("Line 8: e-mail 'not-an-address' is not an"
                + " e-mail address.");
        JsonNode customers = json(get(caller.key(), caller.path("/customers")));
        assertThat(customers.get("total").asInt()).isEqualTo(3);
        assertThat(customers.get("items").get(0).get("name").asString()).isEqualTo("Demo Receiver AB");
        assertThat(customers.get("items").get(0).get("address").asString()).isEqualTo("Box 1; Lund");
        HttpResponse<String> csv = send(HttpRequest.newBuilder(url(caller.path("/customers/imports/"
                + done.get("id").asString() + "/report"))).header("Authorization", "Bearer " + caller.key())
                .header("Accept", "text/csv").GET().build());
        assertThat(csv.body()).startsWith("line,outcome,name,organisation number,country,participant,reason\n2,PEPPOL,");
    }

    @Test
    void importingAgainUpdatesInsteadOfDuplicating() {
        Caller caller = newCompany();
        String receiver = demo("receiver").participant().substring(5);
        String other = freshParticipant().substring(5);
        byte[] first = ("name,organisation number,country,e-mail\nOld Name AB," + receiver + ",SE,\nOther AB," + other
                + ",SE,a@b.example\n").getBytes(StandardCharsets.UTF_8);
        awaitDone(caller, upload(caller, first, "text/csv"));
        byte[] again = RegisterFileTest.xlsx(List.of(List.of("Name", "Organisation number", "Country", "E-mail"),
                List.of("New Name AB", Long.parseLong(receiver), "SE", "ap@receiver.example")));

        JsonNode done = awaitDone(caller, uploadForm(caller, again, "customers.xlsx"));

        assertThat(done.get("kind").asString()).isEqualTo("XLSX");
        assertThat(done.get("fileName").asString()).isEqualTo("customers.xlsx");
        JsonNode customers = json(get(caller.key(), caller.path("/customers?size=10")));
        assertThat(customers.get("total").asInt()).isEqualTo(2);
        assertThat(customers.get("items").get(0).get("name").asString()).isEqualTo("New Name AB");
        assertThat(customers.get("items").get(0).get("email").asString()).isEqualTo("ap@receiver.example");
        assertThat(customers.get("items").get(1).get("name").asString()).isEqualTo("Other AB");
        JsonNode imports = json(get(caller.key(), caller.path("/customers/imports")));
        assertThat(imports).as("both imports, newest first").hasSize(2);
        assertThat(imports.get(0).get("id").asString()).isEqualTo(done.get("id").asString());
        assertThat(imports.get(1).get("kind").asString()).isEqualTo("CSV");
        assertThat(get(newCompany().key(), caller.path("/customers/imports")).statusCode())
                .as("another company's imports").isEqualTo(404);
    }

    @Test
    void aLargeRegisterIsImportedInTheBackground() {
        Caller caller = newCompany();
        StringBuilder csv = new StringBuilder("name,organisation number,country,e-mail,address\n");
        int rows = 1500;
        for (int i = 0; i < rows; i++) {
            csv.append("Customer ").append(i).append(',').append(freshParticipant().substring(5))
                    .append(",SE,c").append(i).append("@example.com,Street ").append(i).append('\n');
        }

        JsonNode done = awaitDone(caller, upload(caller, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv"));

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("rowsDone").asInt()).isEqualTo(rows);
        assertThat(done.get("counts").get("email").asInt()).isEqualTo(rows);
        assertThat(json(get(caller.key(), caller.path("/customers?size=1"))).get("total").asInt()).isEqualTo(rows);
    }

    @Test
    void aFileThatIsNeitherCsvNorXlsxIsRefusedAtOnce() {
        Caller caller = newCompany();

        HttpResponse<String> pdf = upload(caller, "%PDF-1.7\n\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1),
                "application/pdf");
        HttpResponse<String> empty = upload(caller, new byte[0], "text/csv");

        assertThat(pdf.statusCode()).isEqualTo(415);
        assertThat(json(pdf).get("detail").asString()).contains("is neither CSV nor Excel .xlsx",
                "(it was sent as application/pdf)");
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    @Test
    void aRegisterWithoutItsColumnsFailsWithTheReason() {
        Caller caller = newCompany();

        JsonNode done = awaitDone(caller, upload(caller, "customer;vat\nAcme;1\n".getBytes(StandardCharsets.UTF_8),
                "text/csv"));

        assertThat(done.get("status").asString()).isEqualTo("FAILED");
        assertThat(done.get("detail").asString()).startsWith("The header row (line 1) has no column name,"
                + " organisation number, country.");
    }

    @Test
    void anotherCompanysImportIsNotFound() {
        Caller owner = newCompany();
        Caller other = newCompany();
        HttpResponse<String> accepted = upload(owner, "name,organisation number,country\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        String id = json(accepted).get("id").asString();

        assertThat(get(other.key(), other.path("/customers/imports/" + id)).statusCode()).isEqualTo(404);
        assertThat(get(other.key(), owner.path("/customers/imports/" + id)).statusCode()).isEqualTo(404);
    }

    @Test
    void nameSearchFindsTheCallersCustomers() {
        Caller caller = newCompany();
        String unique = "Zebra" + UUID.randomUUID().toString().substring(0, 6);
        awaitDone(caller, upload(caller, ("name,organisation number,country\n" + unique + " AB,"
                + demo("receiver").participant().substring(5) + ",SE\n").getBytes(StandardCharsets.UTF_8), "text/csv"));

        JsonNode results = json(get(caller.key(), caller.path("/lookup?name=" + unique.toLowerCase()))).get("results");
        JsonNode nothing = json(get(newCompany().key(), "/api/v1/companies/" + caller.company().id()
                + "/lookup?name=" + unique));

        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("source").asString()).isEqualTo("customer register");
        assertThat(results.get(0).get("answer").get("reach").asString()).isEqualTo("THIS_GATEWAY");
        assertThat(nothing.get("status").asInt()).isEqualTo(404);
    }
}
