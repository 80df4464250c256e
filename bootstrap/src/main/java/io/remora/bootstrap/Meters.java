package io.remora.bootstrap;

import io.remora.bootstrap.meter.MeterRegistry;

/**
 * The one registry that instrumentation records into. It lives in the bootstrap class loader, so
 * advice woven into JDK classes and the agent, which exports it each interval, see the same one.
 * Each instrumentation's hooks register their families here once, in a static field.
 */
public final class Meters {

    public static final MeterRegistry REGISTRY = new MeterRegistry();

    private Meters() {
    }
}
