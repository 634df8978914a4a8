package org.opengateway.config;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the embedded broker. The gateway itself (in the same process) may do anything. Over TCP, an ERP system
 * logs in with its company's API key as the password (any user name) and may only submit to
 * {@code gateway.invoices.submit}, use temporary queues for the answers, and consume the invoices it received from
 * the Peppol network from its own queue {@code gateway.invoices.received.<its company id>} (which it may also create,
 * so it can connect before the first invoice arrives). The operator's own integrations log in with
 * {@code gateway.broker.operator-user} and {@code -password} and may also follow {@code gateway.invoices.events}.
 * The broker's own caches of logins and permissions are off (see {@link EmbeddedBrokerConfiguration}): they are keyed by
 * what the client sends, and would let a client without credentials pass for the gateway's own in-process connection.
 */
public class BrokerSecurity implements ActiveMQSecurityManager5 {

    public static final String SUBMIT = "gateway.invoices.submit";
    /** Followed by the company id: where each company's invoices received from the network wait for it. */
    public static final String RECEIVED_PREFIX = "gateway.invoices.received.";
    private static final Logger log = LoggerFactory.getLogger(BrokerSecurity.class);
    private static final String GATEWAY = "gateway";
    private static final String OPERATOR = "operator";
    private static final String COMPANY = "company";

    private final CompanyDirectory companies;
    private final GatewayProperties.Broker settings;

    public BrokerSecurity(CompanyDirectory companies, GatewayProperties.Broker settings) {
        this.companies = companies;
        this.settings = settings;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        // principal names never come from what the client says, so no one can pass for another
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject(GATEWAY, GATEWAY);
        }
        if (settings.operatorUser() != null && !settings.operatorUser().isBlank()
                && settings.operatorUser().equals(user) && settings.operatorPassword() != null
                && !settings.operatorPassword().isBlank() && settings.operatorPassword().equals(password)) {
            return subject(OPERATOR + ":" + user, OPERATOR);
        }
        var company = password == null ? Optional.<Company>empty()
                : companies.findByApiKey(password);
        if (company.isPresent()) {
            Subject subject = subject(COMPANY + ":" + company.get().slug(), COMPANY);
            subject.getPrincipals().add(new CompanyPrincipal(company.get().id()));
            return subject;
        }
        log.warn("Refused a broker login from {}: give your company's API key as the password",
                connection == null ? "?" : connection.getRemoteAddress());
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        Set<RolePrincipal> principals = subject.getPrincipals(RolePrincipal.class);
        String role = principals.isEmpty() ? "" : principals.iterator().next().getName();
        return switch (role) {
            case GATEWAY -> true;
            case OPERATOR -> checkType != CheckType.MANAGE;
            case COMPANY -> companyMay(subject, checkType, address);
            default -> false;
        };
    }

    /** The company a broker login acts for. */
    private record CompanyPrincipal(UUID id) implements Principal {
        @Override
        public String getName() {
            return id.toString();
        }
    }

    /**
     * Submit invoices, receive the answers on a temporary queue of its own, and take its received invoices from its
     * own queue; nothing else of the gateway's.
     */
    private static boolean companyMay(Subject subject, CheckType checkType, String address) {
        if (SUBMIT.equals(address)) {
            return checkType == CheckType.SEND;
        }
        if (isOwnReceivedQueue(subject, address)) {
            return checkType == CheckType.CONSUME || checkType == CheckType.BROWSE
                    || checkType == CheckType.CREATE_ADDRESS || checkType == CheckType.CREATE_DURABLE_QUEUE;
        }
        boolean gatewayOwned = address == null || address.startsWith("gateway.") || address.startsWith("activemq.")
                || address.startsWith("$");
        return !gatewayOwned && checkType != CheckType.MANAGE && checkType != CheckType.CREATE_DURABLE_QUEUE
                && checkType != CheckType.DELETE_DURABLE_QUEUE;
    }

    /** The address may come fully qualified ("address::queue"); both parts must be the company's own queue. */
    private static boolean isOwnReceivedQueue(Subject subject, String address) {
        Set<CompanyPrincipal> companies = subject.getPrincipals(CompanyPrincipal.class);
        if (address == null || companies.size() != 1) {
            return false;
        }
        String own = RECEIVED_PREFIX + companies.iterator().next().id();
        int separator = address.indexOf("::");
        return separator < 0 ? own.equals(address)
                : own.equals(address.substring(0, separator)) && own.equals(address.substring(separator + 2));
    }

    private static Subject subject(String user, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return false; // only the authenticate/authorize pair above is used
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }
}
