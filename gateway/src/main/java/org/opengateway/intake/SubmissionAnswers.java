package org.opengateway.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opengateway.validation.ValidationJson;
import org.opengateway.validation.Severity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a submission, the same over HTTP and on the queue: {@code 202} with the id and status, or a
 * problem+json body ({@code 422} for a rejected invoice, with every finding in {@code errors}).
 */
@Component
public class SubmissionAnswers {

    public static final String PROBLEM_BASE = "https://opengateway.org/problems/";

    public record Answer(int status, String json) {
        public boolean problem() {
            return status >= 400;
        }
    }

    private final JsonMapper json;

    public SubmissionAnswers(JsonMapper json) {
        this.json = json;
    }

    public Answer of(IntakeResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (result.accepted()) {
            body.put("id", result.id().toString());
            body.put("status", result.status().name());
            body.put("invoiceNumber", result.invoiceNumber());
            body.put("warnings", ValidationJson.findings(result.findings().stream().filter(f -> f.severity() == Severity.WARNING).toList()));
            return new Answer(202, json.writeValueAsString(body));
        }
        body.put("type", PROBLEM_BASE + "invoice-rejected");
        body.put("title", "The invoice was rejected");
        body.put("status", 422);
        body.put("detail", result.reason());
        body.put("id", result.id().toString());
        body.put("invoiceNumber", result.invoiceNumber());
        body.put("errors", ValidationJson.findings(result.findings()));
        return new Answer(422, json.writeValueAsString(body));
    }

    /** The answer to a document over the size limit; it was recorded as a rejected invoice. */
    public Answer tooLarge(IntakeResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_BASE + "document-too-large");
        body.put("title", "The document is too large");
        body.put("status", 413);
        body.put("detail", result.reason());
        body.put("id", result.id().toString());
        return new Answer(413, json.writeValueAsString(body));
    }

    public Answer problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return new Answer(status, json.writeValueAsString(body));
    }
}
