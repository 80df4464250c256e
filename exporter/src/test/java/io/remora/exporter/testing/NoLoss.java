package io.remora.exporter.testing;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.spool.SpoolEvents;

/** Spool events for a test that writes a spool and expects to lose nothing: any loss fails it. */
public final class NoLoss implements SpoolEvents {

    public static final NoLoss EVENTS = new NoLoss();

    private NoLoss() {
    }

    @Override
    public void dropped(DropReason reason, long samples) {
        throw new AssertionError(reason + " " + samples);
    }

    @Override
    public void damaged() {
        throw new AssertionError("damaged");
    }
}
