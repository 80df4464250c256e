package io.remora.agent.jvm;

/** This JVM cannot provide what a collector reads: not a failure, the collector just stays off. */
final class NotAvailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotAvailableException(String message) {
        super(message, null, false, false);
    }
}
