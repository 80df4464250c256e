package io.remora.agent.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Subscribes to the notification each garbage collection sends, on the JVM's notification
 * thread. The consumer must be quick. What it throws is kept here, not thrown into JMX (which
 * prints stack traces), and handed to the poller by {@link #throwIfFailed()}.
 */
final class GcNotifications implements AutoCloseable {

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener;
    private volatile Throwable failure;

    /** @throws NotAvailableException if no collector sends notifications */
    GcNotifications(List<GarbageCollectorMXBean> collectors, Consumer<GarbageCollectionNotificationInfo> consumer) {
        this.listener = (Notification notification, Object handback) -> {
            if (failure != null
                    || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            try {
                consumer.accept(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
            } catch (Throwable t) {
                failure = t;
            }
        };
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter) {
                NotificationEmitter emitter = (NotificationEmitter) collector;
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        if (emitters.isEmpty()) {
            throw new NotAvailableException("no garbage collector sends notifications");
        }
    }

    /** Throws what the consumer threw, so that the collector is switched off with the reason. */
    void throwIfFailed() {
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("handling a GC notification failed: " + t, t);
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone: nothing left to release
            }
        }
        emitters.clear();
    }
}
