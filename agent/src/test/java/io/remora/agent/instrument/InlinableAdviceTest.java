package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.instrument.catalog.Catalog;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Advice is copied into the application's classes, whatever their class file version: an advice
 * class holding a lambda, a method reference or an indy string concatenation would put
 * invokedynamic and method-handle constants into a Java 6 or older class file, which the JVM then
 * refuses to load (AdviceWeaverTest shows the ClassFormatError). So no advice class has any.
 */
class InlinableAdviceTest {

    /** CONSTANT_MethodHandle, CONSTANT_MethodType, CONSTANT_Dynamic, CONSTANT_InvokeDynamic. */
    private static final List<Integer> JAVA_7_CONSTANTS = Arrays.asList(15, 16, 17, 18);

    @Test
    void noAdviceClassHoldsInvokedynamicOrMethodHandleConstants() throws IOException {
        TreeSet<String> adviceClasses = new TreeSet<>();
        for (InstrumentationModule module : Catalog.all(Arrays.asList("com.example.Orders#place"))) {
            for (TypeInstrumentation type : module.types()) {
                MethodAdvice advice = type.advice();
                for (int i = 0; i < advice.size(); i++) {
                    adviceClasses.add(advice.renaming(i) == null ? advice.adviceClass(i) : advice.renaming(i).source());
                }
            }
        }
        assertTrue(adviceClasses.size() > 40, "advice classes: " + adviceClasses);
        List<String> offending = new ArrayList<>();
        for (String adviceClass : adviceClasses) {
            List<Integer> tags = constantTags(adviceClass);
            tags.retainAll(JAVA_7_CONSTANTS);
            if (!tags.isEmpty()) {
                offending.add(adviceClass + " " + tags);
            }
        }
        assertEquals(List.of(), offending);
    }

    /** The tag of each constant pool entry of the class file. */
    private static List<Integer> constantTags(String className) throws IOException {
        try (InputStream resource = InlinableAdviceTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class");
                DataInputStream in = new DataInputStream(resource)) {
            in.readInt(); // magic
            in.readInt(); // minor and major version
            int count = in.readUnsignedShort();
            List<Integer> tags = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags.add(tag);
                switch (tag) {
                    case 1: // Utf8
                        in.skipBytes(in.readUnsignedShort());
                        break;
                    case 5: // Long
                    case 6: // Double
                        in.skipBytes(8);
                        i++;
                        break;
                    case 7: // Class
                    case 8: // String
                    case 16: // MethodType
                    case 19: // Module
                    case 20: // Package
                        in.skipBytes(2);
                        break;
                    case 15: // MethodHandle
                        in.skipBytes(3);
                        break;
                    default: // Integer, Float, the member references, NameAndType, Dynamic, InvokeDynamic
                        in.skipBytes(4);
                }
            }
            return tags;
        }
    }
}
