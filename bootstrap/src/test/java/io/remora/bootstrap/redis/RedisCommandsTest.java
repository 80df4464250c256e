package io.remora.bootstrap.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisCommandsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void everyKnownCommandIsFoundInAnyCaseAsTheSameString() {
        Set<String> seen = new HashSet<>();
        for (String known : RedisCommands.KNOWN) {
            assertEquals(known, known.toUpperCase(), "the table is upper case");
            assertSame(known, RedisCommands.of(bytes(known)));
            assertSame(known, RedisCommands.of(bytes(known.toLowerCase())));
            assertSame(known, RedisCommands.of(known.toLowerCase()));
            seen.add(known);
        }
        assertEquals(RedisCommands.KNOWN.length, seen.size(), "no name twice");
        assertSame(RedisCommands.of("GET"), RedisCommands.of(bytes("gEt")));
    }

    @Test
    void anyOtherNameIsOther() {
        for (String other : new String[] {"NOSUCHCOMMAND", "FT.SEARCH", "GETT", "GE", "", "SET ", "get\u00e9",
                "AVERYLONGNAMETHATNOREDISCOMMANDHASATALL"}) {
            assertSame(RedisCommands.OTHER, RedisCommands.of(other), other);
            assertSame(RedisCommands.OTHER, RedisCommands.of(other.getBytes(StandardCharsets.UTF_8)), other);
        }
        assertSame(RedisCommands.OTHER, RedisCommands.of((byte[]) null));
        assertSame(RedisCommands.OTHER, RedisCommands.of((String) null));
    }
}
