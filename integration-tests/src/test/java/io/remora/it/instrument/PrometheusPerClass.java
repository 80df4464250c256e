package io.remora.it.instrument;

import io.remora.it.receivers.RealReceiver;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Prometheus for a test class, started before its first test and stopped after its last:
 * {@code @RegisterExtension static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();}.
 * Each run exports under a job label of its own, so the tests of a class can share it.
 */
public final class PrometheusPerClass implements BeforeAllCallback, AfterAllCallback {

    private RealReceiver receiver;

    @Override
    public void beforeAll(ExtensionContext context) {
        receiver = RealReceiver.prometheus();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (receiver != null) {
            receiver.close();
        }
    }

    public RealReceiver receiver() {
        if (receiver == null) {
            throw new IllegalStateException("Prometheus is started before the class's first test");
        }
        return receiver;
    }
}
