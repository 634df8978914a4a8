package org.opengateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.opengateway.config.EmbeddedBrokerConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges for what waits: messages in the gateway's queues (embedded broker), status changes not yet published, and
 * invoices not yet delivered.
 * Intake counts and validation time are recorded where they happen.
 */
@Component
public class GatewayMetrics {

    public GatewayMetrics(MeterRegistry meters, ObjectProvider<EmbeddedActiveMQ> broker, JdbcClient jdbc) {
        for (String queue : new String[] {"gateway.invoices.submit", EmbeddedBrokerConfiguration.DEAD_LETTERS}) {
            Gauge.builder("gateway.queue.depth", () -> depth(broker, queue))
                    .tag("queue", queue)
                    .description("Messages waiting in the queue (embedded broker only)")
                    .register(meters);
        }
        Gauge.builder("gateway.events.unpublished",
                        () -> jdbc.sql("SELECT COUNT(*) FROM invoice_event WHERE published_at IS NULL")
                                .query(Long.class).single())
                .description("Status changes not yet published on gateway.invoices.events")
                .register(meters);
        Gauge.builder("gateway.sending.waiting",
                        () -> jdbc.sql("SELECT COUNT(*) FROM delivery WHERE done = FALSE").query(Long.class).single())
                .description("Accepted invoices not yet delivered or given up: new, in flight, or waiting to retry")
                .register(meters);
        Gauge.builder("gateway.sending.circuits.open",
                        () -> jdbc.sql("SELECT COUNT(*) FROM endpoint_circuit WHERE open_until > ?")
                                .param(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                                .query(Long.class).single())
                .description("Receiving access points nothing is sent to for now, after repeated failures")
                .register(meters);
    }

    private static double depth(ObjectProvider<EmbeddedActiveMQ> broker, String name) {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        if (embedded == null || embedded.getActiveMQServer() == null) {
            return Double.NaN;
        }
        Queue queue = embedded.getActiveMQServer().locateQueue(SimpleString.of(name));
        return queue == null ? 0 : queue.getMessageCount();
    }
}
