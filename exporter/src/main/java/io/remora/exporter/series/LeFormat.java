package io.remora.exporter.series;

import java.math.BigDecimal;

/**
 * How a bucket's upper bound ({@code le}) or a quantile is written as a label value. Two styles,
 * because a selector matches label text, not numbers: Remora's own histograms and the series a
 * Micrometer bridge mirrors must each read as their readers expect. Both write {@code +Inf} and
 * {@code -Inf}.
 */
public enum LeFormat {

    /**
     * Remora's own histograms: as client_java writes a double ({@code 0.005}, {@code 1.0}), except
     * that a bound Java would write with an exponent is written out ({@code 0.0001}, not
     * {@code 1.0E-4}), as the Go and Python clients do, so that {@code le="0.0001"} matches.
     */
    PLAIN {
        @Override
        String finite(double value) {
            String text = Double.toString(value);
            return text.indexOf('E') < 0 ? text : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    },

    /**
     * Exactly {@code Double.toString}, exponent included ({@code 1.0E-4}): what client_java 1.x's
     * text format, and so micrometer-registry-prometheus's scrape page, writes. A bridge of the
     * application's Micrometer meters uses it so its series are the ones that page shows.
     */
    CLIENT_JAVA {
        @Override
        String finite(double value) {
            return Double.toString(value);
        }
    };

    public final String format(double value) {
        if (value == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return finite(value);
    }

    abstract String finite(double value);
}
