package io.remora.exporter.series;

import io.remora.exporter.wire.Varint;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a series' labels once, as the repeated {@code labels = 1} field of TimeSeries.
 *
 * <p>Written by hand rather than with protobuf-java's CodedOutputStream: that class reaches for
 * sun.misc.Unsafe, which makes JDK 24 and later print warnings on the application's stderr.
 * Validation guarantees well-formed UTF-16 (no lone surrogates), so {@code getBytes(UTF_8)} is exact.
 */
final class LabelEncoding {

    private static final byte TIME_SERIES_LABELS_TAG = (1 << 3) | 2;
    private static final byte LABEL_NAME_TAG = (1 << 3) | 2;
    private static final byte LABEL_VALUE_TAG = (2 << 3) | 2;

    private LabelEncoding() {
    }

    static byte[] encode(List<Label> labels) {
        byte[][] names = new byte[labels.size()][];
        byte[][] values = new byte[labels.size()][];
        int size = 0;
        for (int i = 0; i < labels.size(); i++) {
            names[i] = labels.get(i).name().getBytes(StandardCharsets.UTF_8);
            values[i] = labels.get(i).value().getBytes(StandardCharsets.UTF_8);
            int label = labelSize(names[i], values[i]);
            size += 1 + Varint.size(label) + label;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (int i = 0; i < names.length; i++) {
            out[pos++] = TIME_SERIES_LABELS_TAG;
            pos = Varint.write(out, pos, labelSize(names[i], values[i]));
            pos = writeField(out, pos, LABEL_NAME_TAG, names[i]);
            pos = writeField(out, pos, LABEL_VALUE_TAG, values[i]);
        }
        return out;
    }

    /** Empty strings are proto3 defaults and left out, as the generated classes do. */
    private static int labelSize(byte[] name, byte[] value) {
        return fieldSize(name) + fieldSize(value);
    }

    private static int fieldSize(byte[] bytes) {
        return bytes.length == 0 ? 0 : 1 + Varint.size(bytes.length) + bytes.length;
    }

    private static int writeField(byte[] out, int pos, byte tag, byte[] bytes) {
        if (bytes.length == 0) {
            return pos;
        }
        out[pos++] = tag;
        pos = Varint.write(out, pos, bytes.length);
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        return pos + bytes.length;
    }
}
