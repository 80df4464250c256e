package io.remora.exporter.series;

/** A series that a receiver would reject; the message says which part and why. */
public final class InvalidSeriesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSeriesException(String message) {
        super(message);
    }
}
