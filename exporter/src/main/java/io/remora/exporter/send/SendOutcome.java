package io.remora.exporter.send;

import java.time.Duration;

/** How one HTTP attempt ended. */
final class SendOutcome {

    enum Kind {
        /** 2xx: the receiver has the samples. */
        SUCCESS,
        /** 5xx, 429 or an I/O error: the same request may succeed later. */
        RETRYABLE,
        /** Any other status: sending the same bytes again cannot succeed. */
        REJECTED
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final String detail;

    private SendOutcome(Kind kind, int status, Duration retryAfter, String detail) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.detail = detail;
    }

    static SendOutcome success(int status) {
        return new SendOutcome(Kind.SUCCESS, status, null, "");
    }

    /** @param status 0 when no response arrived; @param retryAfter null when the receiver gave none */
    static SendOutcome retryable(int status, Duration retryAfter, String detail) {
        return new SendOutcome(Kind.RETRYABLE, status, retryAfter, detail);
    }

    static SendOutcome rejected(int status, String bodyStart) {
        return new SendOutcome(Kind.REJECTED, status, null, bodyStart);
    }

    Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when the attempt failed before a response. */
    int status() {
        return status;
    }

    /** The delay the receiver asked for, or null. */
    Duration retryAfter() {
        return retryAfter;
    }

    /** For a failure: the error, or the start of the response body. */
    String detail() {
        return detail;
    }
}
