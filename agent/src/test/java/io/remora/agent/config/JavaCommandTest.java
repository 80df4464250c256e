package io.remora.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void theJobIsTheMainClassOrTheJarsName() {
        assertEquals("com.acme.Main", JavaCommand.jobName("com.acme.Main --port 8080"));
        assertEquals("shop", JavaCommand.jobName("/opt/app/shop.jar  arg"));
        assertEquals("shop", JavaCommand.jobName("C:\\app\\shop.jar"));
        assertEquals("com.acme.Main", JavaCommand.jobName("app/com.acme.Main\targ"));
        assertEquals("com.acme.Main", JavaCommand.jobName("  com.acme.Main"));
        assertEquals("java", JavaCommand.jobName(" \t"));
        assertEquals("java", JavaCommand.jobName(null));
    }

    @Test
    void theFileNameKeepsOnlySafeCharacters() {
        assertEquals("com.acme.Main", JavaCommand.fileName("com.acme.Main"));
        assertEquals("my_app-1_2", JavaCommand.fileName("my app-1/2"));
        assertEquals("_.hidden", JavaCommand.fileName(".hidden"));
        assertEquals("_", JavaCommand.fileName(""));
        assertEquals("caf_", JavaCommand.fileName("café"));
    }
}
