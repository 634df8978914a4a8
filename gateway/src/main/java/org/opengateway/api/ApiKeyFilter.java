package org.opengateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opengateway.account.AuditLog;
import org.opengateway.account.SignedIn;
import org.opengateway.account.Sessions;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.config.GatewayProperties;
import org.opengateway.intake.RefusedSubmissions;
import org.opengateway.tracking.Channel;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call under {@code /api/} must say who makes it, except logging in and the password reset:
 * <ul>
 * <li>{@code Authorization: Bearer <api key>}: the key decides the one company the call acts for ({@link #COMPANY});</li>
 * <li>{@code Authorization: Bearer <session token>} from {@code POST /api/v1/login}: a user ({@link #USER});</li>
 * <li>the session cookie set at login: a user too, and then a request that changes something must also carry the
 * login's CSRF token in the header {@code X-CSRF-Token}, so that another web site cannot make the browser send it.</li>
 * </ul>
 * A refused upload is kept with its reason. Every request of support staff is written to the audit trail.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String COMPANY = "gateway.company";
    public static final String USER = "gateway.user";
    public static final String SESSION_COOKIE = "gateway_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<String> OPEN_PATHS = Set.of("/api/v1/login", "/api/v1/password-reset");
    private static final Set<String> READING_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern COMPANY_IN_PATH = Pattern.compile("^/api/v1/companies/([0-9a-fA-F-]{36})(/|$)");

    private final CompanyDirectory companies;
    private final Sessions sessions;
    private final Users users;
    private final AuditLog audit;
    private final RefusedSubmissions refused;
    private final JsonMapper json;
    private final long maxDocumentSize;

    public ApiKeyFilter(Callers callers, RefusedSubmissions refused, JsonMapper json, GatewayProperties properties) {
        this.companies = callers.companies();
        this.sessions = callers.sessions();
        this.users = callers.users();
        this.audit = callers.audit();
        this.refused = refused;
        this.json = json;
        this.maxDocumentSize = properties.intake().maxDocumentSize().toBytes();
    }

    /** What the filter looks callers up in. */
    public record Callers(CompanyDirectory companies, Sessions sessions, Users users, AuditLog audit) {
    }

    /** The operator API has its own key, checked by {@link OperatorAccess}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/operator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (OPEN_PATHS.contains(path) || path.startsWith("/api/v1/password-reset/")) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        String token = bearerToken(header);
        String cookie = header == null ? sessionCookie(request) : null;
        if (token != null && token.startsWith(Sessions.TOKEN_PREFIX) || cookie != null) {
            Optional<SignedIn> signedIn = (token != null ? sessions.use(token) : sessions.use(cookie))
                    .flatMap(session -> users.findById(session.userId()).map(user -> new SignedIn(user, session)));
            if (signedIn.isEmpty()) {
                refuse(request, response, 401, "Your session has ended: you logged out, logged in again elsewhere, your"
                        + " password was reset, or it was idle for longer than " + sessions.idleTimeout().toMinutes()
                        + " minutes. Log in again with POST /api/v1/login.");
                return;
            }
            if (cookie != null && !READING_METHODS.contains(request.getMethod())
                    && !signedIn.get().session().csrfMatches(request.getHeader(CSRF_HEADER))) {
                refuse(request, response, 403, "This request changes something and was sent with the session cookie,"
                        + " so it must also carry the header '" + CSRF_HEADER + "' with the csrfToken that"
                        + " POST /api/v1/login answered. Calls with 'Authorization: Bearer <token>' need no such header.");
                return;
            }
            request.setAttribute(USER, signedIn.get());
            chain.doFilter(request, response);
            auditSupport(signedIn.get().user(), request, path, response.getStatus());
            return;
        }
        Optional<Company> company = companies.findByApiKey(token);
        if (company.isPresent()) {
            request.setAttribute(COMPANY, company.get());
            chain.doFilter(request, response);
            return;
        }
        refuse(request, response, 401, header == null
                ? "No API key was sent. Send your company's API key, or the token that POST /api/v1/login answers, in"
                        + " the header 'Authorization: Bearer <api key>'."
                : token == null
                        ? "The Authorization header is not of the form 'Bearer <api key>'."
                        : "The API key is not known or has been revoked. Check the key, or ask your administrator"
                                + " for a new one.");
    }

    /** What follows {@code Bearer } in an Authorization header, or null when the header is missing or of another kind. */
    static String bearerToken(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    private static String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? null : Arrays.stream(cookies).filter(c -> SESSION_COOKIE.equals(c.getName()))
                .map(Cookie::getValue).filter(value -> !value.isBlank()).findFirst().orElse(null);
    }

    /** Support staff may look at every company; everything they do through the API is kept, allowed or not. */
    private void auditSupport(User user, HttpServletRequest request, String path, int status) {
        if (!user.support()) {
            return;
        }
        Matcher company = COMPANY_IN_PATH.matcher(path);
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        audit.record(user, request.getMethod() + " " + path + query + " answered " + status,
                company.find() ? UUID.fromString(company.group(1)) : null);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        if ("POST".equals(request.getMethod())) {
            byte[] body = BoundedBody.read(request.getInputStream(), maxDocumentSize).bytesOrPrefix();
            refused.record(Channel.API, detail, request.getRemoteAddr(), body);
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status == 401 ? "Unauthorized" : "Forbidden");
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }
}
