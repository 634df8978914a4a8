package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.opengateway.config.GatewayProperties;
import org.opengateway.validation.DocumentValidation;
import org.opengateway.validation.ValidationJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Validation without submitting: the same verdict intake gives, nothing stored. */
@RestController
@Tag(name = "Validation")
@SecurityRequirement(name = "apiKey")
public class ValidateApi {

    private final DocumentValidation validation;
    private final long maxDocumentSize;

    public ValidateApi(DocumentValidation validation, GatewayProperties properties) {
        this.validation = validation;
        this.maxDocumentSize = properties.intake().maxDocumentSize().toBytes();
    }

    @Operation(summary = "Validate a document without submitting it",
            description = "Answers {\"valid\", \"ruleset\", \"findings\": [{\"rule\", \"severity\", \"location\", \"line\","
                    + " \"message\"}]}. allLayers=true runs the business rules even when the schema check fails.",
            requestBody = @RequestBody(content = @Content(mediaType = "application/xml")))
    @PostMapping(value = "/api/v1/validate", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> validate(@RequestParam(defaultValue = "false") boolean allLayers,
            HttpServletRequest request) throws IOException {
        BoundedBody body = BoundedBody.read(request.getInputStream(), maxDocumentSize);
        if (body.oversized()) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "The document is too large",
                    "The document is larger than " + maxDocumentSize + " bytes, the largest the gateway takes.");
        }
        return ValidationJson.report(null, validation.check(body.bytesOrPrefix(), allLayers).report());
    }
}
