package io.remora.agent.instrument.select;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A few method names, looked for among a class file's method names without decoding them: each is
 * compared byte for byte with the class file's modified UTF-8, which for the names advice goes into
 * (ASCII) is the same bytes.
 */
final class MethodNames {

    private final Set<String> names;
    private final byte[][] encoded;

    MethodNames(Set<String> names) {
        this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
        this.encoded = new byte[names.size()][];
        int i = 0;
        for (String name : this.names) {
            encoded[i++] = name.getBytes(StandardCharsets.UTF_8);
        }
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    boolean contains(String name) {
        return names.contains(name);
    }

    /** Whether {@code length} bytes of {@code b} from {@code from} spell one of the names. */
    boolean matches(byte[] b, int from, int length) {
        for (byte[] name : encoded) {
            if (name.length == length && equalBytes(name, b, from)) {
                return true;
            }
        }
        return false;
    }

    MethodNames union(MethodNames other) {
        Set<String> both = new LinkedHashSet<>(names);
        both.addAll(other.names);
        return new MethodNames(both);
    }

    private static boolean equalBytes(byte[] name, byte[] b, int from) {
        for (int i = 0; i < name.length; i++) {
            if (name[i] != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
