package org.opengateway.directory;

/** What our SMP answers to one request: an XML document, or "not found" with the reason in plain words. */
sealed interface SmpAnswer {

    record Xml(byte[] body) implements SmpAnswer {
    }

    record NotFound(String reason) implements SmpAnswer {
    }
}
