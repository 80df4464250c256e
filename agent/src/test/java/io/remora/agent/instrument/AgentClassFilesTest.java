package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.Test;

class AgentClassFilesTest {

    @Test
    void theAgentsOwnClassesAreFoundInTheAgent() throws IOException {
        AgentClassFiles files = new AgentClassFiles(getClass().getClassLoader());
        assertTrue(files.locate(Advice.OnMethodEnter.class.getName()).isResolved());
        assertTrue(files.locate(AdviceWeaver.class.getName()).isResolved());
        assertFalse(files.locate("io.remora.agent.NoSuchClass").isResolved());
    }

    @Test
    void anyOtherNameIsLeftToTheNextLocatorWithoutAskingTheAgent() throws IOException {
        List<String> asked = new ArrayList<>();
        ClassLoader recording = new ClassLoader(null) {
            @Override
            public URL getResource(String name) {
                asked.add(name);
                return null;
            }

            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                asked.add(name);
                return null;
            }
        };
        AgentClassFiles files = new AgentClassFiles(recording);
        assertFalse(files.locate("ch.qos.logback.classic.Logger").isResolved());
        assertFalse(files.locate("java.lang.String").isResolved());
        assertFalse(files.locate("net.bytebuddy.description.type.TypeDescription").isResolved());
        assertTrue(asked.isEmpty(), "asked the agent's loader for " + asked);
    }
}
