package org.opengateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.opengateway.company.Company;
import org.opengateway.document.ParticipantId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExternalBrokerSettingsTest {

    private static final Company ACME = new Company(UUID.fromString("00000000-0000-0000-0000-00000000000a"), "acme",
            "Acme <Tools> & Co -- Ltd", "5567321707", List.of(new ParticipantId("0007", "5567321707")));
    private static final Company BETA = new Company(UUID.fromString("00000000-0000-0000-0000-00000000000b"), "beta",
            "Beta AB", "5564982212", List.of(new ParticipantId("0007", "5564982212")));

    @Test
    void isWellFormedXmlForBrokerXmlsCoreElement() throws Exception {
        Document core = parse(ExternalBrokerSettings.brokerXml(List.of(ACME, BETA)));
        assertThat(core.getDocumentElement().getElementsByTagName("addresses").getLength()).isEqualTo(1);
        assertThat(core.getDocumentElement().getElementsByTagName("address-settings").getLength()).isEqualTo(1);
        assertThat(core.getDocumentElement().getElementsByTagName("security-settings").getLength()).isEqualTo(1);
        NodeList addresses = core.getElementsByTagName("address");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < addresses.getLength(); i++) {
            names.add(((Element) addresses.item(i)).getAttribute("name"));
        }
        assertThat(names).containsExactly("gateway.invoices.submit", "gateway.dead-letters", "gateway.invoices.events");
    }

    /** Artemis checks broker.xml against its schema at start; the server library on our classpath carries it. */
    @Test
    void fitsArtemisOwnSchemaOfTheCoreElement() throws Exception {
        URL schema = EmbeddedActiveMQ.class.getResource("/schema/artemis-configuration.xsd");
        assertThat(schema).as("Artemis' configuration schema on the classpath").isNotNull();
        String core = "<core xmlns=\"urn:activemq:core\">" + ExternalBrokerSettings.brokerXml(List.of(ACME, BETA))
                + "</core>";
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(new StringReader(core)));
    }

    @Test
    void eachCompanyMayTakeOnlyItsOwnReceivedQueue() throws Exception {
        Map<String, Map<String, String>> settings = permissions(ExternalBrokerSettings.brokerXml(List.of(ACME, BETA)));
        Map<String, String> acme = settings.get("gateway.invoices.received." + ACME.id());
        assertThat(acme).containsEntry("consume", "gateway,company-acme").containsEntry("send", "gateway")
                .containsEntry("deleteDurableQueue", "gateway");
        assertThat(settings.get("gateway.invoices.received." + BETA.id())).containsEntry("consume", "gateway,company-beta");
    }

    @Test
    void companiesMaySubmitAndUseTemporaryQueuesButNotReadTheGatewaysAddresses() throws Exception {
        Map<String, Map<String, String>> settings = permissions(ExternalBrokerSettings.brokerXml(List.of(ACME)));
        assertThat(settings.get("gateway.invoices.submit")).containsEntry("send", "gateway,company")
                .containsEntry("consume", "gateway");
        assertThat(settings.get("gateway.invoices.events")).containsEntry("consume", "gateway,operator")
                .containsEntry("send", "gateway");
        assertThat(settings.get("gateway.#")).allSatisfy((type, roles) -> assertThat(roles).isEqualTo("gateway"));
        assertThat(settings.get("#")).containsEntry("createNonDurableQueue", "gateway,operator,company")
                .containsEntry("consume", "gateway,operator,company")
                .containsEntry("createDurableQueue", "gateway").containsEntry("manage", "gateway");
    }

    @Test
    void namesTheUsersToAddWithTheirRoles() {
        assertThat(ExternalBrokerSettings.userCommands(List.of(ACME, BETA)))
                .contains("artemis user add --user acme --password ... --role company,company-acme")
                .contains("artemis user add --user beta --password ... --role company,company-beta")
                .contains("artemis user add --user gateway --password ... --role gateway");
    }

    private static Map<String, Map<String, String>> permissions(String snippet) throws Exception {
        Map<String, Map<String, String>> settings = new HashMap<>();
        NodeList nodes = parse(snippet).getElementsByTagName("security-setting");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element setting = (Element) nodes.item(i);
            Map<String, String> permissions = new HashMap<>();
            NodeList children = setting.getElementsByTagName("permission");
            for (int j = 0; j < children.getLength(); j++) {
                Element permission = (Element) children.item(j);
                permissions.put(permission.getAttribute("type"), permission.getAttribute("roles"));
            }
            settings.put(setting.getAttribute("match"), permissions);
        }
        return settings;
    }

    /** The snippet goes inside broker.xml's {@code <core>}: it must parse there. */
    private static Document parse(String snippet) throws Exception {
        byte[] xml = ("<core>" + snippet + "</core>").getBytes(StandardCharsets.UTF_8);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
