package org.opengateway.company;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.opengateway.account.AuditLog;
import org.opengateway.api.ApiProblem;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The company's logo: upload (the image as the body, or a form's file field), fetch, remove. */
@RestController
@Tag(name = "Company settings")
@SecurityRequirement(name = "apiKey")
public class LogoApi {

    private static final String PATH = "/api/v1/companies/{companyId}/logo";

    private final CompanyLogos logos;
    private final SettingsAccess access;
    private final AuditLog audit;
    private final long maxBytes;

    public LogoApi(CompanyLogos logos, SettingsAccess access, AuditLog audit, CompanySettings settings) {
        this.logos = logos;
        this.maxBytes = settings.logoMaxSize().toBytes();
        this.access = access;
        this.audit = audit;
    }

    public record LogoInfo(String mediaType, int width, int height, int bytes) {
    }

    @Operation(summary = "Upload the company's logo: a JPG, GIF or PNG image as the body, with its Content-Type",
            description = "The bytes must be the declared type. It is scaled to fit 280 x 90 pixels, keeping its"
                    + " proportions (a smaller one is kept as it is). 415 for another type, 400 for bytes that are not"
                    + " that image, or an image of too many pixels.")
    @PutMapping(PATH)
    public LogoInfo upload(@PathVariable UUID companyId,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            HttpServletRequest request) throws IOException {
        SettingsAccess.Editor editor = access.change(request, companyId);
        // one byte over the limit is enough to refuse it, so no more is read into memory
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        return save(editor, body, contentType);
    }

    @Operation(summary = "Upload the company's logo as a form: the image in the field 'file'")
    @PutMapping(value = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public LogoInfo uploadForm(@PathVariable UUID companyId, @RequestPart(value = "file", required = false) MultipartFile file,
            HttpServletRequest request) {
        SettingsAccess.Editor editor = access.change(request, companyId);
        if (file == null) {
            throw ApiProblem.badRequest("The form has no field 'file': send the image in a file field named 'file'.");
        }
        try {
            return save(editor, file.getBytes(), file.getContentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(summary = "The company's logo, as stored (scaled)", description = "404 when it has none.")
    @GetMapping(PATH)
    public ResponseEntity<byte[]> logo(@PathVariable UUID companyId, HttpServletRequest request) {
        LogoImages.Logo logo = logos.find(access.read(request, companyId).id()).orElseThrow(() -> ApiProblem.notFound(
                "The company has no logo. Upload one with PUT /api/v1/companies/" + companyId + "/logo."));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(logo.mediaType()))
                .cacheControl(CacheControl.noCache()).body(logo.content());
    }

    @Operation(summary = "Remove the company's logo")
    @DeleteMapping(PATH)
    public ResponseEntity<Void> delete(@PathVariable UUID companyId, HttpServletRequest request) {
        SettingsAccess.Editor editor = access.change(request, companyId);
        if (!logos.delete(companyId)) {
            throw ApiProblem.notFound("The company has no logo to remove.");
        }
        audit.record(editor.user(), "removed the logo", companyId);
        return ResponseEntity.noContent().build();
    }

    private LogoInfo save(SettingsAccess.Editor editor, byte[] bytes, String contentType) {
        LogoImages.Logo logo = logos.save(editor.company().id(), bytes, contentType);
        audit.record(editor.user(), "uploaded a logo (" + logo.mediaType() + ", " + logo.width() + " x " + logo.height()
                + " pixels)", editor.company().id());
        return new LogoInfo(logo.mediaType(), logo.width(), logo.height(), logo.content().length);
    }
}
