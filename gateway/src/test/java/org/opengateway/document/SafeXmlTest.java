package org.opengateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SafeXmlTest {

    private final SafeXml xml = new SafeXml();

    @Test
    void parsesPlainXml() {
        assertThat(xml.parse("<a xmlns='urn:x'><b/></a>".getBytes(StandardCharsets.UTF_8))
                .getDocumentElement().getNamespaceURI()).isEqualTo("urn:x");
    }

    @Test
    void neverFetchesAnExternalEntityOrDtd() throws Exception {
        // a real server on loopback that counts requests: the parser must not call it
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil";
            String external = "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY e SYSTEM '" + url + "'>]><a>&e;</a>";
            String dtd = "<?xml version='1.0'?><!DOCTYPE a SYSTEM '" + url + "'><a/>";
            String parameter = "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY % p SYSTEM '" + url + "'> %p;]><a/>";
            for (String attack : new String[] {external, dtd, parameter}) {
                assertThatThrownBy(() -> xml.parse(attack.getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOf(XmlRefusal.class)
                        .hasMessageContaining("DOCTYPE");
            }
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void explainsAnEmptyDocument() {
        assertThatThrownBy(() -> xml.parse(new byte[0]))
                .hasMessageContaining("empty")
                .extracting(e -> ((XmlRefusal) e).rule()).isEqualTo("EMPTY");
    }

    @Test
    void explainsBrokenXmlWithItsLine() {
        assertThatThrownBy(() -> xml.parse("<a>\n<b>\n</a>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlRefusal.class)
                .hasMessageContaining("line 3")
                .extracting(e -> ((XmlRefusal) e).line()).isEqualTo(3);
    }

    @Test
    void explainsBytesThatDoNotMatchTheEncoding() {
        byte[] latin1 = "<?xml version='1.0' encoding='UTF-8'?><a>Åsa</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> xml.parse(latin1)).hasMessageContaining("UTF-8");
    }
}
