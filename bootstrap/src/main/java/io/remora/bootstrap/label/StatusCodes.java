package io.remora.bootstrap.label;

/**
 * {@code http_response_status_code} label values from a table made once, so that recording a
 * status allocates nothing; a code outside 100..599 is {@link #OTHER}, no response at all is "".
 */
public final class StatusCodes {

    public static final String OTHER = "_OTHER";
    /** No response: the request failed before one arrived (the error_type label says why). */
    public static final String NONE = "";

    private static final int FIRST = 100;
    private static final String[] CODES = new String[600 - FIRST];

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = Integer.toString(FIRST + i);
        }
    }

    private StatusCodes() {
    }

    /** @param status the HTTP status code, or a value below 1 for no response */
    public static String of(int status) {
        if (status < 1) {
            return NONE;
        }
        int index = status - FIRST;
        return index >= 0 && index < CODES.length ? CODES[index] : OTHER;
    }
}
