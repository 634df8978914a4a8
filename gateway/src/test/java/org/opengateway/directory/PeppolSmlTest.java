package org.opengateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opengateway.document.ParticipantId;
import org.opengateway.testing.SampleKeys;

/**
 * Our SML client (peppol-commons' ManageParticipantIdentifierServiceCaller) against a stand-in for the SML. The real
 * SML (SMK) cannot be reached from here, so this is a test double: a JDK HTTP server that reads the SOAP requests the
 * way the SML does (operation, participant, SMP ID), remembers the participants, and answers as the SML answers,
 * with SOAP faults for a participant it already has or does not know.
 */
class PeppolSmlTest {

    private static final String SMP_ID = "GATEWAY-SMP-1";

    /** A request the stand-in received: the SOAP operation and what it carried. */
    record Call(String operation, String smpId, String scheme, String participant) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> registered = new CopyOnWriteArrayList<>();
    private HttpServer sml;
    private PeppolSml client;

    @BeforeEach
    void start() throws Exception {
        sml = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sml.createContext("/manageparticipantidentifier", this::answer);
        sml.start();
        URL url = URI.create("http://127.0.0.1:" + sml.getAddress().getPort() + "/manageparticipantidentifier").toURL();
        KeyStore smpKey = SampleKeys.load(SampleKeys.file("smp.p12"));
        client = new PeppolSml(url, SMP_ID, smpKey, "test-only", Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        sml.stop(0);
    }

    @Test
    void registeringSendsCreateWithTheParticipantAndOurSmpId() throws Exception {
        client.register(ParticipantId.parse("0007:5567321707"));

        assertThat(calls).containsExactly(new Call("CreateParticipantIdentifier", SMP_ID, "iso6523-actorid-upis",
                "0007:5567321707"));
        assertThat(registered).containsExactly("0007:5567321707");
    }

    @Test
    void registeringTwiceIsNoError() throws Exception {
        client.register(ParticipantId.parse("0007:5567321707"));
        client.register(ParticipantId.parse("0007:5567321707"));

        assertThat(calls).hasSize(2);
        assertThat(registered).containsExactly("0007:5567321707");
    }

    @Test
    void removingSendsDeleteAndAnUnknownParticipantIsNoError() throws Exception {
        client.register(ParticipantId.parse("0192:974760673"));
        client.remove(ParticipantId.parse("0192:974760673"));
        client.remove(ParticipantId.parse("0192:974760673"));

        assertThat(calls).extracting(Call::operation).containsExactly("CreateParticipantIdentifier",
                "DeleteParticipantIdentifier", "DeleteParticipantIdentifier");
        assertThat(calls.get(1).participant()).isEqualTo("0192:974760673");
        assertThat(calls.get(1).smpId()).isEqualTo(SMP_ID);
        assertThat(registered).isEmpty();
    }

    @Test
    void anSmlThatCannotBeReachedIsSaidInPlainWords() {
        sml.stop(0);

        assertThatThrownBy(() -> client.register(ParticipantId.parse("0007:5567321707")))
                .isInstanceOf(SmlRegistration.SmlException.class)
                .hasMessageContaining("Could not register the participant 0007:5567321707 at the SML")
                .hasMessageContaining("could not be reached");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String operation = first(request, "<(?:\\w+:)?(\\w+ParticipantIdentifier)[ >]");
        Call call = new Call(operation, first(request, "ServiceMetadataPublisherID>([^<]*)<"),
                first(request, "scheme=\"([^\"]*)\""), first(request, "ParticipantIdentifier[^>]*scheme=\"[^\"]*\"[^>]*>([^<]*)<"));
        calls.add(call);
        String fault = null;
        if ("CreateParticipantIdentifier".equals(operation)) {
            if (registered.contains(call.participant())) {
                fault = "BadRequestFault";
            } else {
                registered.add(call.participant());
            }
        } else if ("DeleteParticipantIdentifier".equals(operation) && !registered.remove(call.participant())) {
            fault = "NotFoundFault";
        }
        String body = fault == null
                ? "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body/></S:Envelope>"
                : "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><S:Fault>"
                        + "<faultcode>S:Client</faultcode><faultstring>" + (fault.equals("BadRequestFault")
                                ? "The participant identifier already exists" : "The participant identifier was not found")
                        + "</faultstring><detail><" + fault + " xmlns=\"http://busdox.org/serviceMetadata/locator/1.0/\">"
                        + "<FaultMessage>" + fault + "</FaultMessage></" + fault + "></detail></S:Fault></S:Body></S:Envelope>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(fault == null ? 200 : 500, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
