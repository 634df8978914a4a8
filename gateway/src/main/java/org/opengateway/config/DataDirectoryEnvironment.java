package org.opengateway.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code gateway.data-dir} into an absolute path before anything reads it, so the H2 URL,
 * the broker journal and the folders all agree however the operator wrote it.
 */
public class DataDirectoryEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("gateway.data-dir", "./data");
        String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
        environment.getPropertySources().addFirst(
                new MapPropertySource("gatewayDataDir", Map.of("gateway.data-dir", absolute)));
    }
}
