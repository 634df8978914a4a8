package org.opengateway.config;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.opengateway.company.CompanyDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker (the default): a persistent journal under the data folder, a TCP listener so ERP
 * systems can submit over the queue and take their received invoices (logged in by {@link BrokerSecurity}), and a
 * dead-letter queue for messages that fail again and again.
 * With {@code spring.artemis.mode=native} an external broker is used instead and none of this applies (see
 * {@code broker.ExternalBrokerEnvironment}).
 */
@Configuration
@ConditionalOnBooleanProperty(name = "spring.artemis.embedded.enabled", matchIfMissing = true)
public class EmbeddedBrokerConfiguration {

    public static final String DEAD_LETTERS = "gateway.dead-letters";

    @Bean
    ArtemisConfigurationCustomizer gatewayBroker(GatewayProperties properties) {
        return configuration -> {
            GatewayProperties.Broker broker = properties.broker();
            if (broker.tcpEnabled()) {
                try {
                    configuration.addAcceptorConfiguration("tcp", "tcp://" + broker.host() + ":" + broker.port()
                            + "?protocols=CORE");
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot listen for the queue channel on " + broker.host() + ":"
                            + broker.port() + ": " + e.getMessage(), e);
                }
            }
            configuration.addAddressSetting("gateway.#", new AddressSettings()
                    .setMaxDeliveryAttempts(5)
                    .setRedeliveryDelay(1000)
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTERS)));
            // each company's queue of received invoices is made on first use and stays, empty or not; a message the
            // company's consumer rolls back stays on its queue (the company cannot read the dead letters)
            configuration.addAddressSetting(BrokerSecurity.RECEIVED_PREFIX + "#", new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(5000)
                    .setAutoCreateAddresses(true)
                    .setAutoCreateQueues(true)
                    .setAutoDeleteAddresses(false)
                    .setAutoDeleteQueues(false)
                    .setAutoDeleteCreatedQueues(false));
            // beyond this, messages are paged to disk (Artemis' default would be half the heap)
            configuration.setGlobalMaxSize(broker.memory().toBytes());
            configuration.setJMXManagementEnabled(false);
            configuration.setSecurityEnabled(true);
            configuration.setAuthenticationCacheSize(0);
            configuration.setAuthorizationCacheSize(0);
        };
    }

    /** Puts {@link BrokerSecurity} in place before the embedded broker starts. */
    @Bean
    static BeanPostProcessor brokerSecurityInstaller(ObjectProvider<CompanyDirectory> companies,
            ObjectProvider<GatewayProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ broker) {
                    broker.setSecurityManager(new BrokerSecurity(companies.getObject(), properties.getObject().broker()));
                }
                return bean;
            }
        };
    }
}
