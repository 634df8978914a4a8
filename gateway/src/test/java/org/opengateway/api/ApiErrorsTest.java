package org.opengateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** While the database restarts or fails over, the API says so and asks for a retry, instead of a bare 500. */
class ApiErrorsTest {

    private final ApiErrors errors = new ApiErrors();

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithRetryAfterInPlainWords() {
        for (Exception outage : new Exception[] {
                new CannotGetJdbcConnectionException("no connection", new SQLTransientConnectionException("timeout")),
                new DataAccessResourceFailureException("FATAL: terminating connection due to administrator command"),
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction")}) {
            ResponseEntity<ProblemDetail> answer = errors.databaseUnavailable(outage);
            assertThat(answer.getStatusCode().value()).as(outage.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getBody().getDetail()).contains("cannot reach its database")
                    .contains("Send the same request again").doesNotContain("administrator");
        }
    }
}
