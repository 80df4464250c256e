package io.remora.agent.instrument;

import io.remora.log.Log;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class that cannot be instrumented is left exactly as it was. The first such failure is a
 * warning with its reason; later ones are logged at debug, so an odd class path cannot flood stderr.
 */
final class FailureLog {

    private final AtomicBoolean warned = new AtomicBoolean();

    void failed(String typeName, Throwable throwable) {
        String message = "could not instrument " + typeName + ", left unchanged: " + throwable;
        if (warned.compareAndSet(false, true)) {
            Log.warn(message + " (further failures are logged at debug)");
        } else {
            Log.debug(message);
        }
    }
}
