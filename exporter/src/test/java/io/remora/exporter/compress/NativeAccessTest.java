package io.remora.exporter.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeAccessTest {

    private final Module unnamed = NativeAccessTest.class.getModule();

    @Test
    void releasesBefore24NeverWarn() {
        assertTrue(NativeAccess.isQuiet(11, unnamed));
        assertTrue(NativeAccess.isQuiet(23, unnamed));
    }

    @Test
    void from24OnTheModuleMustHaveNativeAccess() {
        // surefire grants none: on 22+ the JDK answers false; before 22 the method is missing, also false
        assertFalse(NativeAccess.isQuiet(24, unnamed));
    }

    @Test
    void theRunningJvmDecides() {
        assertEquals(Runtime.version().feature() < 24, NativeAccess.isQuiet(unnamed));
    }
}
