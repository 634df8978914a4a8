package org.opengateway.config;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The address other access points reach this gateway at: {@code gateway.public-url} when set (required in the Peppol
 * networks, where it is the HTTPS address in our SMP registrations), otherwise {@code http://127.0.0.1:<port>} with the
 * port the web server actually listens on, which is enough for the local network on one machine.
 */
@Component
public class PublicAddress implements ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile int port = -1;

    public PublicAddress(GatewayProperties properties) {
        String url = properties.publicUrl();
        this.configured = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) { // not the management server, when it has its own port
            port = event.getWebServer().getPort();
        }
    }

    /** The base address, without a trailing slash. */
    public URI base() {
        if (configured != null) {
            return URI.create(configured);
        }
        if (port < 0) {
            throw new IllegalStateException("The web server has not started yet, so its address is not known.");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Our AS4 endpoint, as published in our SMP. */
    public URI as4Endpoint() {
        return URI.create(base() + "/as4");
    }
}
