package io.remora.it.receivers;

/** A real receiver could not be started or answered wrongly: the test that needed it fails with the reason. */
public final class ReceiverUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReceiverUnavailableException(String message) {
        super(message);
    }

    public ReceiverUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
