package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.instrument.select.ClassMatch;
import io.remora.agent.instrument.select.ClassSelector;
import java.lang.instrument.ClassFileTransformer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SelectingTransformerTest {

    private static final String CHOSEN = "com/acme/Chosen";
    private static final byte[] ORIGINAL = {1};
    private static final byte[] WOVEN = {2};

    private final SelectingTransformer transformer = new SelectingTransformer(
            new ClassSelector(List.of(ClassMatch.named("com.acme.Chosen"), ClassMatch.named("com.acme.Other")), null));

    /** Stands for a Byte Buddy transformer: replaces whatever it is given. */
    private static final ClassFileTransformer WEAVES = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                java.security.ProtectionDomain domain, byte[] classFile) {
            return WOVEN;
        }
    };

    private static final ClassFileTransformer THROWS = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                java.security.ProtectionDomain domain, byte[] classFile) {
            throw new IllegalStateException("broken");
        }
    };

    @Test
    void aChosenClassWaitsForTheTransformersAndIsWovenOnceTheyAreReady() throws Exception {
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> transform(CHOSEN));
        transformer.awaitNeed(TimeUnit.SECONDS.toMillis(10)); // the load asked for them
        Thread.sleep(100);
        assertTrue(!loading.isDone(), "the loading thread waits");
        transformer.ready(new ClassFileTransformer[] {WEAVES, THROWS});
        assertArrayEquals(WOVEN, loading.get(10, TimeUnit.SECONDS));
        assertTrue(transformer.late().isEmpty());
    }

    @Test
    void aClassNobodyChoseIsLeftAloneAndNotLate() {
        assertNull(transform("com/acme/Plain"));
        assertTrue(transformer.late().isEmpty());
    }

    @Test
    void theAgentsOwnThreadsDoNotWaitAndTheirClassesAreLate() throws Exception {
        AtomicReference<byte[]> result = new AtomicReference<>(ORIGINAL);
        Thread agentThread = new Thread(() -> result.set(transform(CHOSEN)), "remora-sender-test");
        agentThread.start();
        // well inside the bound an application thread would wait for transformers that never come
        agentThread.join(SelectingTransformer.MAX_WAIT_MS / 2);
        assertTrue(!agentThread.isAlive(), "did not wait");
        assertNull(result.get());
        assertEquals(Set.of(CHOSEN), transformer.late());
    }

    @Test
    void aTransformerThatThrowsLeavesTheClassAsItWas() {
        transformer.ready(new ClassFileTransformer[] {THROWS, WEAVES});
        assertNull(transform(CHOSEN));
    }

    @Test
    void hiddenClassesHaveNoNameAndAreLeftAlone() {
        transformer.ready(new ClassFileTransformer[] {WEAVES, WEAVES});
        assertNull(transformer.transform(null, null, null, null, null, ORIGINAL));
    }

    private byte[] transform(String name) {
        return transformer.transform(null, getClass().getClassLoader(), name, null, null, ORIGINAL);
    }
}
