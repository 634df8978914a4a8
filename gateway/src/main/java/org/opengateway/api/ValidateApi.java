package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

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
    @Parameter(name = "allLayers", in = ParameterIn.QUERY, description = "run every layer even when an earlier one fails",
            schema = @Schema(type = "boolean", defaultValue = "false"))
    public Map<String, Object> validate(HttpServletRequest request) throws IOException {
        // the body first: asking the servlet for a parameter would swallow a body sent as a form (curl's default)
        BoundedBody body = BoundedBody.read(request.getInputStream(), maxDocumentSize);
        boolean allLayers = "true".equalsIgnoreCase(UriComponentsBuilder.newInstance().query(request.getQueryString())
                .build().getQueryParams().getFirst("allLayers"));
        if (body.oversized()) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "The document is too large",
                    "The document is larger than " + maxDocumentSize + " bytes, the largest the gateway takes.");
        }
        return ValidationJson.report(null, validation.check(body.bytesOrPrefix(), allLayers).report());
    }
}
