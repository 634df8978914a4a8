package org.opengateway.broker;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code spring.artemis.mode=native} the gateway uses an external broker, so the embedded one must not start.
 * Spring Boot starts it whenever its classes are present unless {@code spring.artemis.embedded.enabled=false}; this
 * sets that default, so the operator needs only the mode and the URL. An explicit setting still wins.
 */
public class ExternalBrokerEnvironment implements EnvironmentPostProcessor {

    static final String EMBEDDED_ENABLED = "spring.artemis.embedded.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (isNative(environment) && environment.getProperty(EMBEDDED_ENABLED) == null) {
            environment.getPropertySources().addLast(
                    new MapPropertySource("gatewayExternalBroker", Map.of(EMBEDDED_ENABLED, "false")));
        }
    }

    static boolean isNative(ConfigurableEnvironment environment) {
        return "native".equalsIgnoreCase(environment.getProperty("spring.artemis.mode", "").trim());
    }
}
