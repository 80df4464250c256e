package io.remora.exporter.series;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Encodes a series' labels once, as the repeated {@code labels = 1} field of TimeSeries. */
final class LabelEncoding {

    private static final int TIME_SERIES_LABELS = 1;
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;

    private LabelEncoding() {
    }

    static byte[] encode(List<Label> labels) {
        int size = 0;
        for (Label label : labels) {
            size += CodedOutputStream.computeTagSize(TIME_SERIES_LABELS)
                    + CodedOutputStream.computeUInt32SizeNoTag(labelSize(label))
                    + labelSize(label);
        }
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (Label label : labels) {
                out.writeTag(TIME_SERIES_LABELS, 2);
                out.writeUInt32NoTag(labelSize(label));
                out.writeString(LABEL_NAME, label.name());
                out.writeString(LABEL_VALUE, label.value());
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding labels into an exactly sized array", e);
        }
        return bytes;
    }

    private static int labelSize(Label label) {
        return CodedOutputStream.computeStringSize(LABEL_NAME, label.name())
                + CodedOutputStream.computeStringSize(LABEL_VALUE, label.value());
    }
}
