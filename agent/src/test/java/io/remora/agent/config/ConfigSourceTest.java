package io.remora.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    @Test
    void agentArgumentsKeepCommasInsideValues() {
        ConfigSource source = ConfigSource.agentArguments(
                "endpoint=http://a/w,http://b/w,labels=team=a,env=prod,remora.interval=5s");
        assertEquals("http://a/w,http://b/w", source.get(Settings.ENDPOINT).value());
        assertEquals("team=a,env=prod", source.get(Settings.LABELS).value());
        assertEquals("5s", source.get(Settings.INTERVAL).value());
        assertEquals("agent argument", source.get(Settings.INTERVAL).origin());
    }

    @Test
    void agentArgumentWithOurPrefixButUnknownNameIsUnknown() {
        ConfigSource source = ConfigSource.agentArguments("interval=5s,remora.intervall=6s");
        assertEquals("5s", source.get(Settings.INTERVAL).value());
        assertEquals("remora.intervall", source.unknown().get(0).name());
    }

    @Test
    void environmentVariablesMapOntoSettingNames() {
        ConfigSource source = ConfigSource.environment(Map.of(
                "REMORA_AUTH_BEARER_FILE", "/t", "REMORA_INSTRUMENTATION_HTTP_CLIENT_ENABLED", "false",
                "REMORA_NOPE", "1", "PATH", "/bin"));
        assertEquals("/t", source.get(Settings.BEARER_FILE).value());
        assertEquals("REMORA_AUTH_BEARER_FILE", source.get(Settings.BEARER_FILE).writtenName());
        assertEquals("false", source.get("remora.instrumentation.http-client.enabled").value());
        assertEquals(1, source.unknown().size());
        assertEquals("REMORA_NOPE", source.unknown().get(0).writtenName());
    }

    @Test
    void systemPropertiesOutsideOurPrefixAreIgnored() {
        Properties properties = new Properties();
        properties.setProperty("java.home", "/jdk");
        properties.setProperty("remora.job", "shop");
        ConfigSource source = ConfigSource.systemProperties(properties);
        assertEquals("shop", source.get(Settings.JOB).value());
        assertNull(source.get("java.home"));
        assertEquals(0, source.unknown().size());
    }
}
