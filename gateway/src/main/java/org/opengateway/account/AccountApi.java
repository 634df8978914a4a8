package org.opengateway.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.UUID;
import org.opengateway.api.ApiKeyFilter;
import org.opengateway.api.ApiProblem;
import org.opengateway.config.PublicAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Logging in and out, and forgotten passwords. */
@RestController
@Tag(name = "Accounts")
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Your company's API key, or the token that POST /api/v1/login answers.")
public class AccountApi {

    private final Users users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PasswordResets resets;
    private final PublicAddress address;
    private final AuditLog audit;

    public AccountApi(Users users, Sessions sessions, LoginThrottle throttle, PasswordResets resets,
            PublicAddress address, AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.resets = resets;
        this.address = address;
        this.audit = audit;
    }

    public record LoginRequest(String email, String password) {
    }

    public record UserView(UUID id, String email, String name, String language, boolean support) {
        public static UserView of(User user) {
            return new UserView(user.id(), user.email(), user.name(), user.language().code(), user.support());
        }
    }

    public record LoginAnswer(String token, String csrfToken, long idleTimeoutMinutes, UserView user) {
    }

    public record EmailRequest(String email) {
    }

    public record NewPassword(String password) {
    }

    @Operation(summary = "Log in with e-mail address and password",
            description = "Answers a token for 'Authorization: Bearer <token>' and sets the session cookie for the web"
                    + " pages. A request sent with the cookie that changes something must carry the csrfToken in the"
                    + " header X-CSRF-Token. The session ends after idleTimeoutMinutes without a request, at logout,"
                    + " or when the same user logs in again. After repeated failures, logins are slowed down and then"
                    + " locked for a while (429, with Retry-After).")
    @PostMapping("/api/v1/login")
    public ResponseEntity<LoginAnswer> login(@RequestBody(required = false) LoginRequest login,
            HttpServletRequest request) {
        if (login == null || login.email() == null || login.email().isBlank()) {
            throw ApiProblem.badRequest("The field 'email' is missing: send {\"email\": \"...\", \"password\": \"...\"}.");
        }
        if (login.password() == null || login.password().isEmpty()) {
            throw ApiProblem.badRequest("The field 'password' is missing: send {\"email\": \"...\", \"password\": \"...\"}.");
        }
        String remote = request.getRemoteAddr();
        throttle.refusal(login.email(), remote).ifPresent(refusal -> {
            throw new TooManyLogins(refusal);
        });
        User user = users.findByEmail(login.email()).orElse(null);
        boolean right = user == null ? spend(login.password()) : users.passwordMatches(user, login.password());
        if (!right) {
            throttle.failed(login.email(), remote);
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", "The e-mail address or the password is"
                    + " wrong. Check both, or ask for a new password with POST /api/v1/password-reset.");
        }
        throttle.succeeded(login.email());
        Sessions.NewSession session = sessions.start(user);
        if (user.support()) {
            audit.record(user, "logged in from " + remote, null);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie(session.token(), null).toString())
                .body(new LoginAnswer(session.token(), session.csrfToken(), session.idleTimeout().toMinutes(),
                        UserView.of(user)));
    }

    @Operation(summary = "Log out: ends the session of the token or cookie", security = @SecurityRequirement(name = "apiKey"))
    @PostMapping("/api/v1/logout")
    public ResponseEntity<Void> logout(HttpServletRequest request) {
        sessions.end(SignedIn.of(request).session());
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString()).build();
    }

    @Operation(summary = "Who is logged in", security = @SecurityRequirement(name = "apiKey"))
    @GetMapping("/api/v1/account")
    public UserView account(HttpServletRequest request) {
        return UserView.of(SignedIn.of(request).user());
    }

    @Operation(summary = "Forgotten password: mail a link to choose a new one",
            description = "Always answers 202, whether or not the address has an account, so that no one learns"
                    + " which addresses do. The link is valid once, for gateway.accounts.reset-link-valid-for.")
    @PostMapping("/api/v1/password-reset")
    public ResponseEntity<Void> requestReset(@RequestBody(required = false) EmailRequest body) {
        resets.request(Users.checkEmail(body == null ? null : body.email(), "email"));
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Choose the new password with the token of the mailed link",
            description = "Ends every session of the user. 410 when the link was used already or has expired.")
    @PostMapping("/api/v1/password-reset/{token}")
    public ResponseEntity<Void> completeReset(@PathVariable String token,
            @RequestBody(required = false) NewPassword body) {
        resets.complete(token, body == null ? null : body.password());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The page the mailed link opens: a form to choose the new password",
            description = "Answers 404 or 410 with the reason when the link is unknown, used or expired.")
    @GetMapping(value = "/api/v1/password-reset/{token}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> resetPage(@PathVariable String token) {
        try {
            resets.check(token);
        } catch (ApiProblem problem) {
            return ResponseEntity.status(problem.status()).contentType(MediaType.TEXT_HTML)
                    .body(ResetPage.html(HtmlUtils.htmlEscape(problem.getMessage()), false));
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(ResetPage.html("", true));
    }

    @ExceptionHandler(TooManyLogins.class)
    ResponseEntity<ProblemDetail> tooManyLogins(TooManyLogins refusal) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage());
        detail.setTitle(refusal.title());
        return ResponseEntity.status(refusal.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()))
                .body(detail);
    }

    private boolean spend(String password) {
        users.spendPasswordCheck(password);
        return false;
    }

    /** The session cookie: not readable by scripts, not sent with other sites' requests but links, HTTPS-only when we are. */
    private ResponseCookie cookie(String value, Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(ApiKeyFilter.SESSION_COOKIE, value)
                .httpOnly(true)
                .sameSite("Lax")
                .secure("https".equalsIgnoreCase(address.base().getScheme()))
                .path("/");
        return (maxAge == null ? cookie : cookie.maxAge(maxAge)).build();
    }

    /** 429 with Retry-After: the login was not tried. */
    static class TooManyLogins extends ApiProblem {

        private final long retryAfterSeconds;

        TooManyLogins(LoginThrottle.Refusal refusal) {
            super(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", refusal.message());
            this.retryAfterSeconds = refusal.retryAfterSeconds();
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
