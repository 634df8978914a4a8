package org.opengateway.delivery;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.opengateway.config.GatewayProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A circuit breaker per receiving access point, kept in the database so that every node honours it: after a number of
 * transport failures in a row, nothing is sent there for a while, and the invoices for other access points go on.
 */
@Repository
public class EndpointCircuits {

    private final JdbcClient jdbc;
    private final GatewayProperties.Sending.Circuit settings;

    public EndpointCircuits(JdbcClient jdbc, GatewayProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.sending().circuit();
    }

    /** Until when sending to this access point is paused, if it is. */
    public Optional<OffsetDateTime> openUntil(String endpoint, OffsetDateTime now) {
        return jdbc.sql("SELECT open_until FROM endpoint_circuit WHERE endpoint_url = ? AND open_until > ?")
                .params(endpoint, now)
                .query(OffsetDateTime.class)
                .optional();
    }

    /**
     * Counts a transport failure; returns the time until which the circuit is now open, if this opened it. The count
     * is kept while open, so the first failure after the pause opens it again at once.
     */
    public Optional<OffsetDateTime> failed(String endpoint, OffsetDateTime now) {
        if (jdbc.sql("UPDATE endpoint_circuit SET consecutive_failures = consecutive_failures + 1, updated_at = ?"
                + " WHERE endpoint_url = ?").params(now, endpoint).update() == 0) {
            try {
                jdbc.sql("INSERT INTO endpoint_circuit (endpoint_url, consecutive_failures, updated_at) VALUES (?, 1, ?)")
                        .params(endpoint, now).update();
            } catch (DuplicateKeyException anotherNodeFirst) {
                return failed(endpoint, now);
            }
        }
        OffsetDateTime until = now.plus(settings.openFor());
        int opened = jdbc.sql("UPDATE endpoint_circuit SET open_until = ?"
                        + " WHERE endpoint_url = ? AND consecutive_failures >= ?")
                .params(until, endpoint, settings.failures())
                .update();
        return opened == 1 ? Optional.of(until) : Optional.empty();
    }

    /** The access point answered: it counts as working again. */
    public void answered(String endpoint) {
        jdbc.sql("DELETE FROM endpoint_circuit WHERE endpoint_url = ?").param(endpoint).update();
    }
}
