package org.opengateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ExternalBrokerEnvironmentTest {

    private final ExternalBrokerEnvironment processor = new ExternalBrokerEnvironment();

    @Test
    void anExternalBrokerTurnsTheEmbeddedOneOff() {
        StandardEnvironment environment = environment("spring.artemis.mode", "native");
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
    }

    @Test
    void theEmbeddedModeIsLeftAlone() {
        StandardEnvironment environment = environment("spring.artemis.mode", "embedded");
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isNull();
    }

    @Test
    void anExplicitSettingWins() {
        StandardEnvironment environment = environment("spring.artemis.mode", "native",
                "spring.artemis.embedded.enabled", "true");
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("true");
    }

    /** An environment with the given settings, as if from application.properties. */
    private static StandardEnvironment environment(String... keysAndValues) {
        Map<String, Object> settings = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.properties", settings));
        return environment;
    }
}
