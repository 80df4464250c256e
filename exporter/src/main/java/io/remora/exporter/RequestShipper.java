package io.remora.exporter;

import io.remora.exporter.batch.Batch;
import io.remora.exporter.batch.SeriesOrder;
import io.remora.exporter.compress.SnappyCompressor;
import io.remora.exporter.encode.WriteRequestEncoder;
import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.SelfMetrics;
import io.remora.exporter.send.EndpointSender;
import io.remora.exporter.series.SeriesRegistry;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a batch into one compressed remote-write request and hands the same bytes to every
 * endpoint's sender. Runs on the exporter thread only; its buffers are reused.
 */
final class RequestShipper implements ExportLoop.BatchShipper {

    private final SeriesRegistry registry;
    private final SeriesOrder order = new SeriesOrder();
    private final WriteRequestEncoder encoder = new WriteRequestEncoder();
    private final SnappyCompressor compressor;
    private final List<EndpointSender> senders;
    private final SelfMetrics selfMetrics;
    private byte[] compressed = new byte[0];

    RequestShipper(SeriesRegistry registry, SnappyCompressor compressor, List<EndpointSender> senders,
            SelfMetrics selfMetrics) {
        this.registry = registry;
        this.compressor = compressor;
        this.senders = senders;
        this.selfMetrics = selfMetrics;
    }

    @Override
    public void ship(Batch batch) {
        try {
            batch.sortBySeriesThenTime();
            int stale = batch.retain(order);
            if (stale > 0) {
                selfMetrics.dropped(DropReason.OUT_OF_ORDER, stale);
            }
            if (batch.isEmpty()) {
                return;
            }
            int samples = batch.size();
            long oldest = Long.MAX_VALUE;
            long newest = Long.MIN_VALUE;
            for (int i = 0; i < samples; i++) {
                oldest = Math.min(oldest, batch.timestampMs(i));
                newest = Math.max(newest, batch.timestampMs(i));
            }
            byte[] body = compress(encoder.encode(batch, registry));
            for (EndpointSender sender : senders) {
                if (!sender.submit(body, samples, oldest, newest)) {
                    sender.metrics().dropped(DropReason.QUEUE_FULL, samples);
                }
            }
        } finally {
            batch.clear();
        }
    }

    /** A fresh array per request: senders hold on to it until it is sent. */
    private byte[] compress(int encodedLength) {
        int bound = compressor.maxCompressedLength(encodedLength);
        if (compressed.length < bound) {
            compressed = new byte[bound];
        }
        int length = compressor.compress(encoder.buffer(), 0, encodedLength, compressed, 0);
        return Arrays.copyOf(compressed, length);
    }
}
