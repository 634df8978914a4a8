package org.opengateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;

/** Each kind of bad input gets a specific answer in plain words, is stored with its reason, and keeps its original. */
class BadInputIT extends GatewayIT {

    static Stream<Arguments> badInputs() {
        String valid = TestInvoices.invoice("ENC-1", "0007:5567321707", "0007:5564982212");
        byte[] latin1 = valid.replace("Consulting hour", "Konsulttimme för Åsa").getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("not XML", "This is an invoice, honestly.\n".getBytes(StandardCharsets.UTF_8), "XML",
                        "not XML"),
                Arguments.of("empty file", new byte[0], "EMPTY", "empty"),
                Arguments.of("XML that is no invoice", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>
                        """.getBytes(StandardCharsets.UTF_8), "DOCUMENT_TYPE", "'Order'"),
                Arguments.of("a DTD", """
                        <?xml version="1.0"?>
                        <!DOCTYPE Invoice [<!ELEMENT Invoice ANY>]>
                        <Invoice/>
                        """.getBytes(StandardCharsets.UTF_8), "XML", "DOCTYPE"),
                Arguments.of("an external entity (XXE)", """
                        <?xml version="1.0"?>
                        <!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&secret;</Invoice>
                        """.getBytes(StandardCharsets.UTF_8), "XML", "DOCTYPE"),
                Arguments.of("an entity-expansion bomb", """
                        <?xml version="1.0"?>
                        <!DOCTYPE lolz [
                          <!ENTITY lol "lol">
                          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                        ]>
                        <lolz>&lol9;</lolz>
                        """.getBytes(StandardCharsets.UTF_8), "XML", "DOCTYPE"),
                Arguments.of("Latin-1 bytes in a file that says UTF-8", latin1, "XML", "UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedInPlainWordsAndKept(String what, byte[] input, String rule, String inMessage) {
        String apiKey = demo("sender").apiKey();

        HttpResponse<String> answer = post(apiKey, input);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        JsonNode problem = json(answer);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("rule").asString()).isEqualTo(rule);
        assertThat(error.get("message").asString()).contains(inMessage);
        assertThat(answer.body()).doesNotContain("root:x:0:0");

        String id = problem.get("id").asString();
        JsonNode stored = json(get(apiKey, "/api/v1/invoices/" + id));
        assertThat(stored.get("status").asString()).isEqualTo("REJECTED");
        assertThat(stored.get("statusReason").asString()).contains(inMessage);
        HttpResponse<byte[]> original = send(HttpRequest.newBuilder(url("/api/v1/invoices/" + id + "/document"))
                .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.body()).isEqualTo(input);
    }
}
