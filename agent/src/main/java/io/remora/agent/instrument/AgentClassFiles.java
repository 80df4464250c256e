package io.remora.agent.instrument;

import java.io.IOException;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The class files that weaving needs from the agent itself, and only those: Byte Buddy's advice
 * annotations and the agent's classes (advice, bootstrap hooks). Asked before the application's
 * loader, because there each of these names is a miss, and a miss searches the loader's whole class
 * path: every nested jar of a Spring Boot fat jar. On the Spring Boot test service the first weaving
 * in its loader took 12 to 16 ms of the main thread's CPU in Byte Buddy's parsing of the advice,
 * most of it such misses. Any other name is left to the next locator.
 */
final class AgentClassFiles implements ClassFileLocator {

    private static final String[] AGENT_PREFIXES = {"net.bytebuddy.asm.Advice", "io.remora."};

    private final ClassFileLocator agent;

    AgentClassFiles(ClassLoader agentLoader) {
        this.agent = ClassFileLocator.ForClassLoader.of(agentLoader);
    }

    @Override
    public Resolution locate(String name) throws IOException {
        for (String prefix : AGENT_PREFIXES) {
            if (name.startsWith(prefix)) {
                return agent.locate(name);
            }
        }
        return new Resolution.Illegal(name);
    }

    @Override
    public void close() {
        // the agent's loader stays open for the agent's lifetime
    }
}
