package com.acme.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The service's own business meters, one of each kind Micrometer has, in the registry Spring Boot
 * builds: what an application typically adds to Actuator's. Each is driven by the requests, so a
 * test knows its values.
 */
@Component
public class OrderMeters {

    private final Counter placed;
    private final DistributionSummary quantities;
    private final Timer lookups;
    private final LongTaskTimer reports;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong listNanos = new AtomicLong();

    public OrderMeters(MeterRegistry registry) {
        placed = Counter.builder("orders.placed").description("orders created").tag("channel", "web")
                .register(registry);
        quantities = DistributionSummary.builder("orders.quantity").baseUnit("items")
                .serviceLevelObjectives(1, 2, 5).register(registry);
        lookups = Timer.builder("orders.lookup").tag("found", "any")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1)).register(registry);
        reports = LongTaskTimer.builder("orders.reports").register(registry);
        Gauge.builder("orders.stored", stored, AtomicLong::doubleValue).register(registry);
        FunctionCounter.builder("orders.listings", listed, AtomicLong::doubleValue).register(registry);
        FunctionTimer.builder("orders.list", this, meters -> meters.listed.get(),
                meters -> meters.listNanos.get(), TimeUnit.NANOSECONDS).register(registry);
    }

    void placed(int quantity) {
        placed.increment();
        quantities.record(quantity);
        stored.incrementAndGet();
    }

    <T> T lookup(Supplier<T> find) {
        return lookups.record(find);
    }

    <T> T listing(Supplier<T> list) {
        long start = System.nanoTime();
        try {
            return list.get();
        } finally {
            listNanos.addAndGet(System.nanoTime() - start);
            listed.incrementAndGet();
        }
    }

    <T> T report(Supplier<T> work) {
        LongTaskTimer.Sample running = reports.start();
        try {
            return work.get();
        } finally {
            running.stop();
        }
    }
}
