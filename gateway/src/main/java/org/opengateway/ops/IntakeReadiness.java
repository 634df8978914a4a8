package org.opengateway.ops;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Says UP only when Camel and every route have started, so that intake really takes invoices; Spring's own
 * health turns UP before the routes do.
 */
@Component("intake")
public class IntakeReadiness implements HealthIndicator {

    private final CamelContext camel;

    public IntakeReadiness(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        if (!camel.isStarted()) {
            return Health.down().withDetail("reason", "The routes have not started yet.").build();
        }
        List<Route> routes = camel.getRoutes();
        List<String> notStarted = routes.stream()
                .filter(route -> camel.getRouteController().getRouteStatus(route.getRouteId()) != ServiceStatus.Started)
                .map(Route::getRouteId)
                .toList();
        if (routes.isEmpty() || !notStarted.isEmpty()) {
            return Health.down().withDetail("reason", "Routes not started: " + notStarted).build();
        }
        return Health.up().withDetail("routes", routes.stream().map(Route::getRouteId).sorted().toList()).build();
    }
}
