package org.opengateway.reporting;

/** Where a month's report stands. */
public enum ReportStatus {
    /** To be built (the month has ended, or an operator asked for a re-run). */
    PENDING,
    /** Built and valid under the official rules; waits to be sent. */
    BUILT,
    /** Built, but the official rules found errors (in {@code findings}); not sent. An operator may re-run it. */
    INVALID,
    /** A send attempt is under way. */
    SENDING,
    /** The reporting participant's access point gave its signed receipt. */
    SENT,
    /** The last send attempt failed; it is tried again at {@code nextAttemptAt}, until it is sent. */
    FAILED
}
