package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.customers.CustomerImports;
import org.opengateway.customers.CustomerRegister;
import org.opengateway.customers.FileKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A company's customer register: upload it (CSV or Excel), follow the import, read the report and the register. */
@RestController
@RequestMapping("/api/v1/companies/{companyId}/customers")
@Tag(name = "Customer register")
@SecurityRequirement(name = "apiKey")
public class CustomerApi {

    /** The largest register accepted: about 100,000 customers. */
    private static final long MAX_FILE_SIZE = 20L * 1024 * 1024;

    private final CustomerImports imports;
    private final CustomerRegister register;
    private final CompanyAccess access;

    public CustomerApi(CustomerImports imports, CustomerRegister register, CompanyAccess access) {
        this.imports = imports;
        this.register = register;
        this.access = access;
    }

    @Operation(summary = "Upload a customer register (multipart form, field 'file')",
            description = "CSV (separator , or ;, UTF-8) or Excel .xlsx with a header row: name, organisation number,"
                    + " country, e-mail, address. Answers 202 with the import's id; it runs in the background.")
    @PostMapping(value = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Map<String, Object>> uploadForm(HttpServletRequest http, @PathVariable UUID companyId,
            @RequestPart("file") MultipartFile file) throws IOException {
        Company company = access.require(http, companyId);
        try (InputStream in = file.getInputStream()) {
            return start(company, read(in), file.getContentType(), file.getOriginalFilename());
        }
    }

    @Operation(summary = "Upload a customer register as the request body",
            description = "Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;"
                    + " the optional header X-File-Name names it in the import.")
    @PostMapping(value = "/imports")
    public ResponseEntity<Map<String, Object>> uploadBody(HttpServletRequest http, @PathVariable UUID companyId,
            @RequestHeader(value = "X-File-Name", required = false) String fileName) throws IOException {
        Company company = access.require(http, companyId);
        return start(company, read(http.getInputStream()), http.getContentType(), fileName);
    }

    @Operation(summary = "The company's imports, newest first (the last 100): each with its status and counts")
    @GetMapping("/imports")
    public List<CustomerImports.Progress> imports(HttpServletRequest http, @PathVariable UUID companyId) {
        Company company = access.require(http, companyId);
        return imports.recent(company.id(), 100);
    }

    @Operation(summary = "Where an import stands: status, rows done of the total, and the counts")
    @GetMapping("/imports/{importId}")
    public CustomerImports.Progress progress(HttpServletRequest http, @PathVariable UUID companyId,
            @PathVariable UUID importId) {
        Company company = access.require(http, companyId);
        return imports.progress(company.id(), importId).orElseThrow(() -> noImport(importId));
    }

    @Operation(summary = "The report of an import: one entry per row, with its line, outcome and reason",
            description = "JSON by default; Accept: text/csv gives the same as CSV. While the import runs, the rows"
                    + " done so far.")
    @GetMapping(value = "/imports/{importId}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<CustomerImports.ReportRow> report(HttpServletRequest http, @PathVariable UUID companyId,
            @PathVariable UUID importId) {
        Company company = access.require(http, companyId);
        return imports.report(company.id(), importId).orElseThrow(() -> noImport(importId));
    }

    @GetMapping(value = "/imports/{importId}/report", produces = "text/csv")
    public ResponseEntity<String> reportCsv(HttpServletRequest http, @PathVariable UUID companyId,
            @PathVariable UUID importId) {
        StringBuilder csv = new StringBuilder("line,outcome,name,organisation number,country,participant,reason\n");
        for (CustomerImports.ReportRow row : report(http, companyId, importId)) {
            csv.append(row.line()).append(',').append(row.outcome()).append(',').append(quoted(row.name())).append(',')
                    .append(quoted(row.orgNumber())).append(',').append(quoted(row.country())).append(',')
                    .append(quoted(row.participant())).append(',').append(quoted(row.reason())).append('\n');
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    @Operation(summary = "The company's customer register, by name; page from 0, size up to 500")
    @GetMapping
    public CustomerRegister.Page list(HttpServletRequest http, @PathVariable UUID companyId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Company company = access.require(http, companyId);
        ApiProblem.checkPage(page, size);
        return register.list(company.id(), page, size);
    }

    private ResponseEntity<Map<String, Object>> start(Company company, byte[] content, String contentType,
            String fileName) {
        if (content.length == 0) {
            throw ApiProblem.badRequest("The upload is empty. Send the customer register as CSV or Excel (.xlsx).");
        }
        FileKind kind = FileKind.of(content, contentType, fileName).orElseThrow(() -> new ApiProblem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported file type", "The file"
                        + (fileName == null ? "" : " '" + fileName + "'") + " is neither CSV nor Excel .xlsx"
                        + (contentType == null ? "" : " (it was sent as " + contentType + ")") + ". Save the"
                        + " register as CSV UTF-8 or as an Excel workbook (.xlsx); the older .xls is not read."));
        UUID id = imports.create(company.id(), fileName, kind, content);
        URI location = URI.create("/api/v1/companies/" + company.id() + "/customers/imports/" + id);
        return ResponseEntity.accepted().location(location)
                .body(Map.of("id", id, "status", CustomerImports.Status.QUEUED, "progress", location.toString()));
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] content = in.readNBytes((int) MAX_FILE_SIZE + 1);
        if (content.length > MAX_FILE_SIZE) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", "The register is larger than 20 MB."
                    + " Split it into several files and upload them one after the other.");
        }
        return content;
    }

    private static ApiProblem noImport(UUID id) {
        return ApiProblem.notFound("Your company has no customer import with the id " + id + ".");
    }

    private static String quoted(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
