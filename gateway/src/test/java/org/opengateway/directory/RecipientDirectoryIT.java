package org.opengateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.document.ParticipantId;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.SampleKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Registering a company as a recipient over the API, and looking parties up: against the running gateway, its real
 * database and its SMP over HTTP. A second gateway's lookup (its own empty database) asks this gateway's SMP, to which
 * our companies are parties elsewhere in Peppol.
 */
class RecipientDirectoryIT extends GatewayIT {

    private static final KeyStore TRUST = SampleKeys.load(SampleKeys.file("truststore.p12"));
    private static final String ORDER = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
            + "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1";
    private static final String ORDERING = "cenbii-procid-ubl::urn:fdc:peppol.eu:poacc:bis:ordering:3";

    @Autowired
    CompanyDirectory companies;
    @Autowired
    JdbcClient jdbc;

    /** A company of its own for each test, with an API key, and no registration yet. */
    private record TestCompany(Company company, String key, String participant) {
        String path(String rest) {
            return "/api/v1/companies/" + company.id() + rest;
        }
    }

    private TestCompany newCompany() {
        String participant = freshParticipant();
        String orgNumber = participant.substring(5);
        Company company = companies.register("c-" + orgNumber, "Test Company " + orgNumber, orgNumber,
                List.of(ParticipantId.parse(participant)));
        return new TestCompany(company, companies.createApiKey(company.id(), "test"), participant);
    }

    private HttpResponse<String> put(TestCompany company, String json) {
        return send(HttpRequest.newBuilder(url(company.path("/recipient")))
                .header("Authorization", "Bearer " + company.key()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> delete(TestCompany company) {
        return send(HttpRequest.newBuilder(url(company.path("/recipient")))
                .header("Authorization", "Bearer " + company.key()).DELETE().build());
    }

    private HttpResponse<String> smpServiceGroup(String participant) {
        return get(null, "/iso6523-actorid-upis%3A%3A" + participant.replace(":", "%3A"));
    }

    private JsonNode lookup(TestCompany caller, String query) {
        HttpResponse<String> response = get(caller.key(), caller.path("/lookup?" + query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("results");
    }

    @Test
    void theDemoReceiverIsRegisteredWithTheBillingDefaults() {
        var receiver = demo("receiver");

        HttpResponse<String> response = get(receiver.apiKey(),
                "/api/v1/companies/" + receiver.companyId() + "/recipient");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode registration = json(response);
        assertThat(registration.get("participants").get(0).asString()).isEqualTo(receiver.participant());
        assertThat(registration.get("documentTypes")).hasSize(2);
        assertThat(registration.get("documentTypes").toString()).contains("Invoice-2::Invoice", "CreditNote-2::CreditNote",
                "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
        assertThat(registration.get("sml").asString()).isEqualTo("the local SML");
    }

    @Test
    void registeringPublishesInTheSmpAndTheSmlAndRemovingTakesItOut() {
        TestCompany company = newCompany();
        assertThat(smpServiceGroup(company.participant()).statusCode()).isEqualTo(404);
        assertThat(get(company.key(), company.path("/recipient")).statusCode()).isEqualTo(404);

        HttpResponse<String> registered = put(company, "{\"documentTypes\": [{\"documentType\": \"" + ORDER
                + "\", \"process\": \"" + ORDERING + "\"}]}");

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(json(registered).get("participants").get(0).asString()).isEqualTo(company.participant());
        HttpResponse<String> group = smpServiceGroup(company.participant());
        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(group.body()).contains("Order-2%3A%3AOrder").doesNotContain("Invoice-2");
        assertThat(smlHas(company.participant())).isTrue();
        assertThat(lookup(company, "participant=" + company.participant()).get(0).get("answer").get("reach").asString())
                .isEqualTo("THIS_GATEWAY");

        HttpResponse<String> removed = delete(company);

        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(smpServiceGroup(company.participant()).statusCode()).isEqualTo(404);
        assertThat(smlHas(company.participant())).isFalse();
        assertThat(get(company.key(), company.path("/recipient")).statusCode()).isEqualTo(404);
        assertThat(delete(company).statusCode()).isEqualTo(404);
        JsonNode after = lookup(company, "participant=" + company.participant()).get(0).get("answer");
        assertThat(after.get("reach").asString()).isEqualTo("NOT_REGISTERED");
        assertThat(after.get("cached").asBoolean()).isFalse();
    }

    @Test
    void anUpdateReplacesParticipantsAndDocumentTypes() {
        TestCompany company = newCompany();
        put(company, "");
        String second = freshParticipant();

        HttpResponse<String> updated = put(company, "{\"participants\": [\"" + second + "\"]}");

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).get("participants").toString()).isEqualTo("[\"" + second + "\"]");
        assertThat(smpServiceGroup(company.participant()).statusCode()).isEqualTo(404);
        assertThat(smpServiceGroup(second).statusCode()).isEqualTo(200);
        assertThat(smlHas(company.participant())).isFalse();
        assertThat(smlHas(second)).isTrue();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        TestCompany company = newCompany();

        HttpResponse<String> malformed = put(company, "{\"participants\": [\"5567321707\"]}");
        HttpResponse<String> unknownType = put(company, "{\"documentTypes\": [{\"documentType\": \"urn:no:such:type\"}]}");
        HttpResponse<String> unknownProcess = put(company, "{\"documentTypes\": [{\"documentType\": \"" + ORDER
                + "\", \"process\": \"urn:no:such:process\"}]}");
        HttpResponse<String> taken = put(company, "{\"participants\": [\"" + demo("receiver").participant() + "\"]}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("detail").asString()).startsWith("participants[0]: '5567321707' is not a Peppol"
                + " participant ID.");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(json(unknownType).get("detail").asString()).startsWith("documentTypes[0].documentType:"
                + " 'urn:no:such:type' is not a document type of the Peppol code lists.");
        assertThat(unknownProcess.statusCode()).isEqualTo(400);
        assertThat(json(unknownProcess).get("detail").asString()).startsWith("documentTypes[0].process:");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(json(taken).get("detail").asString()).contains("is already registered by another company");
        assertThat(smpServiceGroup(company.participant()).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherCompanysRegistrationIsNotFound() {
        TestCompany company = newCompany();
        var receiver = demo("receiver");

        HttpResponse<String> response = get(company.key(), "/api/v1/companies/" + receiver.companyId() + "/recipient");

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void lookupByOrganisationNumberFindsOurReceiverWithItsEndpoint() {
        TestCompany caller = newCompany();
        var receiver = demo("receiver");
        String orgNumber = receiver.participant().substring(5);

        JsonNode result = lookup(caller, "orgNumber=" + orgNumber.substring(0, 6) + "-" + orgNumber.substring(6)
                + "&country=se").get(0);

        assertThat(result.get("orgNumber").asString()).isEqualTo(orgNumber);
        JsonNode answer = result.get("answer");
        assertThat(answer.get("participant").asString()).isEqualTo(receiver.participant());
        assertThat(answer.get("reach").asString()).isEqualTo("THIS_GATEWAY");
        assertThat(answer.get("company").asString()).isEqualTo(receiver.name());
        assertThat(answer.get("services")).hasSize(2);
        assertThat(answer.get("services").get(0).get("endpoint").asString()).isEqualTo(url("/as4").toString());
        assertThat(answer.get("services").get(0).get("transportProfile").asString()).isEqualTo("peppol-transport-as4-v2_0");
    }

    @Test
    void aPartyNobodyRegisteredIsNotReachable() {
        TestCompany caller = newCompany();
        String stranger = freshParticipant();

        JsonNode answer = lookup(caller, "participant=" + stranger).get(0).get("answer");

        assertThat(answer.get("reach").asString()).isEqualTo("NOT_REGISTERED");
        assertThat(answer.get("reason").asString()).contains("No SMP of the local network knows " + stranger);
        assertThat(answer.get("services")).isEmpty();
    }

    @Test
    void lookupQuestionsThatCannotBeAnsweredSayWhy() {
        TestCompany caller = newCompany();

        HttpResponse<String> none = get(caller.key(), caller.path("/lookup"));
        HttpResponse<String> badNumber = get(caller.key(), caller.path("/lookup?orgNumber=123&country=SE"));
        HttpResponse<String> badCountry = get(caller.key(), caller.path("/lookup?orgNumber=123&country=ZZ"));
        HttpResponse<String> badParticipant = get(caller.key(), caller.path("/lookup?participant=hello"));

        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).get("detail").asString()).startsWith("Give exactly one of");
        assertThat(json(badNumber).get("detail").asString()).contains("organisation number '123' is not a valid SE");
        assertThat(json(badCountry).get("detail").asString()).startsWith("country 'ZZ' is not one");
        assertThat(json(badParticipant).get("detail").asString()).startsWith("participant: 'hello' is not a Peppol");
    }

    @Test
    void byNameFindsOurCompanies() {
        TestCompany caller = newCompany();
        put(caller, "");

        JsonNode results = lookup(caller, "name=" + caller.company().name().substring(5).replace(" ", "%20"));

        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("name").asString()).isEqualTo(caller.company().name());
        assertThat(results.get(0).get("source").asString()).isEqualTo("gateway company");
        assertThat(results.get(0).get("answer").get("reach").asString()).isEqualTo("THIS_GATEWAY");
    }

    @Test
    void toAnotherGatewayOurReceiverIsElsewhereInPeppolWithItsDocumentTypesAndEndpoint() {
        var other = new OtherGatewayDirectory(url(""), TRUST, Duration.ofHours(1));
        ParticipantId receiver = ParticipantId.parse(demo("receiver").participant());

        PartyAnswer answer = other.lookup().find(receiver);
        PartyAnswer again = other.lookup().find(receiver);
        PartyAnswer stranger = other.lookup().find(ParticipantId.parse(freshParticipant()));

        assertThat(answer.reach()).isEqualTo(PartyAnswer.Reach.PEPPOL);
        assertThat(answer.services()).extracting(PartyAnswer.Service::documentType).containsExactlyInAnyOrder(
                "busdox-docid-qns::" + AcceptedDocumentType.BILLING_INVOICE,
                "busdox-docid-qns::" + AcceptedDocumentType.BILLING_CREDIT_NOTE);
        assertThat(answer.services()).allSatisfy(service -> {
            assertThat(service.endpoint()).isEqualTo(url("/as4").toString());
            assertThat(service.transportProfile()).isEqualTo("peppol-transport-as4-v2_0");
            assertThat(service.process()).isEqualTo("cenbii-procid-ubl::" + AcceptedDocumentType.BILLING_PROCESS);
        });
        assertThat(answer.reason()).contains("receives over Peppol with another access point");
        assertThat(answer.cached()).isFalse();
        assertThat(again.cached()).isTrue();
        assertThat(again.checkedAt()).isEqualTo(answer.checkedAt());
        assertThat(again.services()).isEqualTo(answer.services());
        assertThat(stranger.reach()).isEqualTo(PartyAnswer.Reach.NOT_REGISTERED);
        assertThat(stranger.reason()).contains("does not know it");
        assertThat(other.cachedAnswers()).isEqualTo(2);
        assertThat(other.cacheExpiresWithin(receiver, Duration.ofMinutes(59), Duration.ofMinutes(61))).isTrue();
    }

    @Test
    void anSmpThatCannotBeReachedIsALookupFailureAndNotCached() {
        var other = new OtherGatewayDirectory(java.net.URI.create("http://127.0.0.1:" + freePort()), TRUST,
                Duration.ofHours(1));

        PartyAnswer answer = other.lookup().find(ParticipantId.parse(demo("receiver").participant()));

        assertThat(answer.reach()).isEqualTo(PartyAnswer.Reach.LOOKUP_FAILED);
        assertThat(answer.reason()).contains("try again later");
        assertThat(other.cachedAnswers()).isZero();
    }

    private boolean smlHas(String participant) {
        return jdbc.sql("SELECT COUNT(*) FROM local_sml_participant WHERE participant = ?").param(participant)
                .query(Long.class).single() > 0;
    }

}
