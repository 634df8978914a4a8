package org.opengateway.api;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API, ours and the framework's, answered as problem+json. */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail problem(ApiProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setTitle(problem.title());
        return detail;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_REQUEST,
                "The parameter '" + e.getName() + "' has the value '" + e.getValue() + "', which is not "
                        + expected(e.getRequiredType()) + ".");
        detail.setTitle("Bad request");
        return detail;
    }

    /**
     * The database cannot be reached for a moment (restarting, failing over, no free connection). A retry is safe:
     * the same bytes make no second invoice, and the same Idempotency-Key gets the first answer.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The gateway cannot"
                + " reach its database at the moment. Send the same request again in a few seconds (with the same"
                + " Idempotency-Key if you gave one): the same document never makes a second invoice.");
        detail.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(detail);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "valid";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == LocalDate.class) {
            return "a date written YYYY-MM-DD";
        }
        if (type == UUID.class) {
            return "an invoice id (a UUID)";
        }
        return "a valid " + type.getSimpleName();
    }

    /** A logged-in user called an endpoint that acts for the company of an API key. */
    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getMessage() != null && e.getMessage().contains("'" + ApiKeyFilter.COMPANY + "'")) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This call acts for the"
                    + " company of an API key: send 'Authorization: Bearer <api key>'. A logged-in user makes one with"
                    + " POST /api/v1/companies/{companyId}/api-keys.");
            detail.setTitle("Forbidden");
            return handleExceptionInternal(e, detail, headers, HttpStatus.FORBIDDEN, request);
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }
}
