package org.opengateway.account;

/**
 * The one small page the gateway serves before its web pages exist: the form a password reset link opens. It posts
 * the new password as JSON to the same address and shows the answer.
 */
final class ResetPage {

    private ResetPage() {
    }

    /** {@code message} must already be escaped for HTML. */
    static String html(String message, boolean withForm) {
        String form = !withForm ? "" : """
                <form id="reset">
                  <label for="password">New password (at least 12 characters)</label>
                  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12">
                  <button type="submit">Set the new password</button>
                </form>
                <script>
                  document.getElementById('reset').addEventListener('submit', async event => {
                    event.preventDefault();
                    const answer = await fetch(location.pathname, {method: 'POST',
                        headers: {'Content-Type': 'application/json'},
                        body: JSON.stringify({password: document.getElementById('password').value})});
                    document.getElementById('message').textContent = answer.ok
                        ? 'Your new password is set. You have been logged out everywhere; log in with the new password.'
                        : (await answer.json()).detail;
                  });
                </script>
                """;
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Choose a new password</title></head>
                <body>
                <h1>Choose a new password</h1>
                <p id="message">%s</p>
                %s
                </body>
                </html>
                """.formatted(message, form);
    }
}
