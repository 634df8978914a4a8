package org.opengateway.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code gateway.operator.api-key}: the operator's key (from the environment); empty turns the operator API off. */
@ConfigurationProperties("gateway.operator")
public record OperatorSettings(String apiKey) {
}
