package org.opengateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.config.GatewayProperties;
import org.opengateway.intake.RefusedSubmissions;
import org.opengateway.tracking.Channel;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call under {@code /api/} must carry {@code Authorization: Bearer <api key>}; the key decides the company
 * the call acts for. A refused upload is kept with its reason.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String COMPANY = "gateway.company";

    private final CompanyDirectory companies;
    private final RefusedSubmissions refused;
    private final JsonMapper json;
    private final long maxDocumentSize;

    public ApiKeyFilter(CompanyDirectory companies, RefusedSubmissions refused, JsonMapper json,
            GatewayProperties properties) {
        this.companies = companies;
        this.refused = refused;
        this.json = json;
        this.maxDocumentSize = properties.intake().maxDocumentSize().toBytes();
    }

    /** The operator API has its own key, checked by {@link OperatorAccess}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/operator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Optional<Company> company = companies.findByApiKey(key);
        if (company.isPresent()) {
            request.setAttribute(COMPANY, company.get());
            chain.doFilter(request, response);
            return;
        }
        String detail = header == null
                ? "No API key was sent. Send your company's API key in the header 'Authorization: Bearer <api key>'."
                : key == null
                        ? "The Authorization header is not of the form 'Bearer <api key>'."
                        : "The API key is not known or has been revoked. Check the key, or ask your administrator"
                                + " for a new one.";
        if ("POST".equals(request.getMethod())) {
            byte[] body = BoundedBody.read(request.getInputStream(), maxDocumentSize).bytesOrPrefix();
            refused.record(Channel.API, detail, request.getRemoteAddr(), body);
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Unauthorized");
        problem.put("status", 401);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }
}
