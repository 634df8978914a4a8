package org.opengateway.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opengateway.company.Company;
import org.opengateway.config.BrokerSecurity;
import org.opengateway.config.EmbeddedBrokerConfiguration;
import org.opengateway.tracking.InvoiceEventPublisher;

/**
 * What an operator puts into an external Artemis broker's {@code broker.xml} (and its users) so that it serves the
 * gateway as the embedded broker does: the gateway's addresses, their redelivery and dead-letter settings, and who may
 * do what. The embedded broker decides logins from the gateway's own database ({@link BrokerSecurity}); an external
 * broker cannot, so each company gets a broker user of its own, with the roles {@value #COMPANY} and
 * {@code company-<slug>}.
 */
public final class ExternalBrokerSettings {

    /** The role of the gateway's own login ({@code spring.artemis.user}): everything. */
    public static final String GATEWAY = "gateway";
    /** The role of the operator's own integrations: may follow the events topic. */
    public static final String OPERATOR = "operator";
    /** Every company's broker user has this role: may submit, and use temporary queues for the answers. */
    public static final String COMPANY = "company";

    private static final List<String> ALL = List.of("createAddress", "deleteAddress", "createDurableQueue",
            "deleteDurableQueue", "createNonDurableQueue", "deleteNonDurableQueue", "send", "consume", "browse",
            "manage");
    /** What no client but the gateway may do on any address, as the embedded broker's rules say. */
    private static final Set<String> GATEWAY_ONLY_ANYWHERE = Set.of("createDurableQueue", "deleteDurableQueue", "manage");

    private ExternalBrokerSettings() {
    }

    /** The role that may take one company's received invoices from its queue. */
    public static String companyRole(Company company) {
        return COMPANY + "-" + company.slug();
    }

    /**
     * The three sections for the {@code <core>} element of broker.xml: addresses, address settings and security
     * settings, for the given companies.
     */
    public static String brokerXml(List<Company> companies) {
        StringBuilder xml = new StringBuilder();
        xml.append("<!-- Settings of an external Artemis broker for the gateway. Put the three sections below into the\n")
                .append("     core element of broker.xml on both brokers of the pair (primary and backup), in place of\n")
                .append("     the sections of the same names. Written again at every start of the gateway, with the\n")
                .append("     companies of that moment. -->\n");
        addresses(xml);
        addressSettings(xml);
        securitySettings(xml, companies);
        return xml.toString();
    }

    /**
     * The {@code artemis user add} commands for the gateway's login, the operator's and one per company (the
     * operator chooses the passwords; submissions still carry the company's API key in the property GatewayApiKey).
     */
    public static String userCommands(List<Company> companies) {
        StringBuilder commands = new StringBuilder();
        commands.append("# The broker users the gateway's settings expect. Run in the instance folder of each broker,\n")
                .append("# with passwords of your choosing.\n");
        commands.append("bin/artemis user add --user gateway --password ... --role ").append(GATEWAY).append('\n');
        commands.append("bin/artemis user add --user operator --password ... --role ").append(OPERATOR).append('\n');
        for (Company company : companies) {
            commands.append("bin/artemis user add --user ").append(company.slug()).append(" --password ... --role ")
                    .append(COMPANY).append(',').append(companyRole(company)).append('\n');
        }
        return commands.toString();
    }

    private static void addresses(StringBuilder xml) {
        xml.append("<addresses>\n");
        for (String queue : List.of(BrokerSecurity.SUBMIT, EmbeddedBrokerConfiguration.DEAD_LETTERS)) {
            xml.append("  <address name=\"").append(queue).append("\"><anycast><queue name=\"").append(queue)
                    .append("\"/></anycast></address>\n");
        }
        xml.append("  <address name=\"").append(InvoiceEventPublisher.TOPIC).append("\"><multicast/></address>\n");
        xml.append("</addresses>\n");
    }

    /** As the embedded broker's: a few quick redeliveries, then the dead letters; companies' queues made on use. */
    private static void addressSettings(StringBuilder xml) {
        xml.append("<address-settings>\n")
                .append("  <address-setting match=\"gateway.#\">\n")
                .append("    <dead-letter-address>").append(EmbeddedBrokerConfiguration.DEAD_LETTERS)
                .append("</dead-letter-address>\n")
                .append("    <max-delivery-attempts>5</max-delivery-attempts>\n")
                .append("    <redelivery-delay>1000</redelivery-delay>\n")
                .append("  </address-setting>\n")
                .append("  <!-- a company's queue of received invoices is made on first use and stays; a message its\n")
                .append("       consumer rolls back stays on it (a company cannot read the dead letters) -->\n")
                .append("  <address-setting match=\"").append(BrokerSecurity.RECEIVED_PREFIX).append("#\">\n")
                .append("    <max-delivery-attempts>-1</max-delivery-attempts>\n")
                .append("    <redelivery-delay>5000</redelivery-delay>\n")
                .append("    <auto-create-addresses>true</auto-create-addresses>\n")
                .append("    <auto-create-queues>true</auto-create-queues>\n")
                .append("    <auto-delete-addresses>false</auto-delete-addresses>\n")
                .append("    <auto-delete-queues>false</auto-delete-queues>\n")
                .append("    <auto-delete-created-queues>false</auto-delete-created-queues>\n")
                .append("  </address-setting>\n")
                .append("</address-settings>\n");
    }

    /**
     * The same rules as {@link BrokerSecurity}. Artemis applies the most specific match only, so each gateway address
     * lists every permission: "#" leaves companies their temporary reply queues, "gateway.#" keeps the rest of the
     * gateway's addresses to the gateway.
     */
    private static void securitySettings(StringBuilder xml, List<Company> companies) {
        xml.append("<security-settings>\n");
        Map<String, String> anyOther = new LinkedHashMap<>();
        for (String type : ALL) {
            anyOther.put(type, GATEWAY_ONLY_ANYWHERE.contains(type) ? GATEWAY : GATEWAY + "," + OPERATOR + "," + COMPANY);
        }
        setting(xml, "#", anyOther);
        setting(xml, "gateway.#", gatewayOnly());
        Map<String, String> submit = gatewayOnly();
        submit.put("send", GATEWAY + "," + COMPANY);
        setting(xml, BrokerSecurity.SUBMIT, submit);
        Map<String, String> events = gatewayOnly();
        for (String type : List.of("createNonDurableQueue", "deleteNonDurableQueue", "createDurableQueue",
                "deleteDurableQueue", "consume", "browse")) {
            events.put(type, GATEWAY + "," + OPERATOR);
        }
        setting(xml, InvoiceEventPublisher.TOPIC, events);
        for (Company company : companies) {
            Map<String, String> received = gatewayOnly();
            for (String type : List.of("createAddress", "createDurableQueue", "consume", "browse")) {
                received.put(type, GATEWAY + "," + companyRole(company));
            }
            setting(xml, BrokerSecurity.RECEIVED_PREFIX + company.id(), received);
        }
        xml.append("</security-settings>\n");
    }

    private static Map<String, String> gatewayOnly() {
        Map<String, String> permissions = new LinkedHashMap<>();
        ALL.forEach(type -> permissions.put(type, GATEWAY));
        return permissions;
    }

    private static void setting(StringBuilder xml, String match, Map<String, String> permissions) {
        xml.append("  <security-setting match=\"").append(match).append("\">\n");
        permissions.forEach((type, roles) -> xml.append("    <permission type=\"").append(type)
                .append("\" roles=\"").append(roles).append("\"/>\n"));
        xml.append("  </security-setting>\n");
    }
}
