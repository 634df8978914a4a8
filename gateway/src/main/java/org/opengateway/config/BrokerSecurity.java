package org.opengateway.config;

import java.util.Optional;
import java.util.Set;
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
 * {@code gateway.invoices.submit} and use temporary queues for the answers. The operator's own integrations log in with
 * {@code gateway.broker.operator-user} and {@code -password} and may also follow {@code gateway.invoices.events}.
 * The broker's own caches of logins and permissions are off (see {@link EmbeddedBrokerConfiguration}): they are keyed by
 * what the client sends, and would let a client without credentials pass for the gateway's own in-process connection.
 */
public class BrokerSecurity implements ActiveMQSecurityManager5 {

    static final String SUBMIT = "gateway.invoices.submit";
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
            return subject(COMPANY + ":" + company.get().slug(), COMPANY);
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
            case COMPANY -> companyMay(checkType, address);
            default -> false;
        };
    }

    /** Submit invoices, and receive the answers on a temporary queue of its own; nothing of the gateway's. */
    private static boolean companyMay(CheckType checkType, String address) {
        if (SUBMIT.equals(address)) {
            return checkType == CheckType.SEND;
        }
        boolean gatewayOwned = address == null || address.startsWith("gateway.") || address.startsWith("activemq.")
                || address.startsWith("$");
        return !gatewayOwned && checkType != CheckType.MANAGE && checkType != CheckType.CREATE_DURABLE_QUEUE
                && checkType != CheckType.DELETE_DURABLE_QUEUE;
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
