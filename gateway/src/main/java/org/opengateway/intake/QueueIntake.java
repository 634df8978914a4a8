package org.opengateway.intake;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.config.GatewayProperties;
import org.opengateway.tracking.Channel;
import org.springframework.stereotype.Component;

/**
 * The queue channel: a message on {@code gateway.invoices.submit} carries the document as its body and the
 * company's API key in the property {@code GatewayApiKey}. Returns the JSON answer, which goes to the message's
 * JMSReplyTo when it has one.
 */
@Component
public class QueueIntake {

    private final IntakeService intake;
    private final CompanyDirectory companies;
    private final RefusedSubmissions refused;
    private final SubmissionAnswers answers;
    private final OversizedOriginals oversized;
    private final long maxDocumentSize;

    public QueueIntake(IntakeService intake, CompanyDirectory companies, RefusedSubmissions refused,
            SubmissionAnswers answers, OversizedOriginals oversized, GatewayProperties properties) {
        this.intake = intake;
        this.companies = companies;
        this.refused = refused;
        this.answers = answers;
        this.oversized = oversized;
        this.maxDocumentSize = properties.intake().maxDocumentSize().toBytes();
    }

    public String take(byte[] body, String apiKey, String messageId) {
        byte[] content = body == null ? new byte[0] : body;
        Optional<Company> company = companies.findByApiKey(apiKey);
        if (company.isEmpty()) {
            String detail = apiKey == null || apiKey.isBlank()
                    ? "The message has no API key. Put your company's API key in the message property GatewayApiKey."
                    : "The API key in the property GatewayApiKey is not known or has been revoked.";
            byte[] kept = content.length > maxDocumentSize ? Arrays.copyOf(content, (int) maxDocumentSize) : content;
            refused.record(Channel.QUEUE, detail, messageId, kept);
            return answers.problem(401, "Unauthorized", detail).json();
        }
        if (content.length > maxDocumentSize) {
            IntakeResult result = oversized.refuse(new Submission(Channel.QUEUE, company.get(), content, messageId),
                    InputStream.nullInputStream());
            return answers.tooLarge(result).json();
        }
        return answers.of(intake.submit(new Submission(Channel.QUEUE, company.get(), content, messageId))).json();
    }
}
