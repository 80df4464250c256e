package io.remora.agent.instrument.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassOutlineTest {

    /** Constants of every width in its pool: longs and doubles take two slots. */
    @SuppressWarnings("unused")
    static final class Constants extends AbstractList<String> implements RandomAccess, Serializable {
        private static final long serialVersionUID = 1L;
        private final long big = System.nanoTime() + 123_456_789_012L;
        private final double ratio = Math.random() + 0.123456789;
        private final float small = 1.25f + (float) Math.random();
        private final int number = 1_234_567 + (int) Math.random();
        private final Runnable lambda = () -> System.out.println("x");

        @Override
        public String get(int index) {
            return "s" + index + big + ratio + small + number;
        }

        @Override
        public int size() {
            return 0;
        }
    }

    interface Api extends Runnable, Comparable<Api> {
    }

    @Test
    void readsSuperClassAndInterfacesPastConstantsOfEveryKind() throws IOException {
        ClassOutline outline = ClassOutline.parse(classFile(Constants.class));
        assertEquals("java/util/AbstractList", outline.superName());
        assertArrayEquals(new String[] {"java/util/RandomAccess", "java/io/Serializable"}, outline.interfaceNames());
        assertFalse(outline.isInterface());
    }

    @Test
    void agreesWithReflectionOnJdkClasses() throws IOException {
        for (Class<?> type : List.of(String.class, Thread.class, java.util.HashMap.class, java.sql.Statement.class,
                java.util.concurrent.ThreadPoolExecutor.class)) {
            ClassOutline outline = ClassOutline.parse(classFile(type));
            // an interface's class file names Object as its super class; reflection says none
            String superName = type.isInterface() ? "java/lang/Object"
                    : type.getSuperclass() == null ? null : internal(type.getSuperclass());
            assertEquals(superName, outline.superName(), type.getName());
            assertArrayEquals(Arrays.stream(type.getInterfaces()).map(ClassOutlineTest::internal).toArray(),
                    outline.interfaceNames(), type.getName());
            assertEquals(type.isInterface(), outline.isInterface(), type.getName());
        }
    }

    @Test
    void tellsTheMethodsAClassDeclaresPastItsFieldsAndAttributes() throws IOException {
        ClassOutline outline = ClassOutline.parse(classFile(Constants.class));
        assertTrue(outline.declaresAny(new MethodNames(Set.of("get"))));
        assertTrue(outline.declaresAny(new MethodNames(Set.of("nothing", "size"))));
        assertTrue(outline.declaresAny(new MethodNames(Set.of("<init>"))));
        assertFalse(outline.declaresAny(new MethodNames(Set.of("add", "big", "ge", "gets"))),
                "inherited, a field, or a name's prefix or extension");
    }

    @Test
    void anInterfaceExtendsObjectAndListsItsSuperInterfaces() throws IOException {
        ClassOutline outline = ClassOutline.parse(classFile(Api.class));
        assertTrue(outline.isInterface());
        assertEquals("java/lang/Object", outline.superName());
        assertArrayEquals(new String[] {"java/lang/Runnable", "java/lang/Comparable"}, outline.interfaceNames());
    }

    @Test
    void objectHasNoSuperClass() throws IOException {
        assertNull(ClassOutline.parse(classFile(Object.class)).superName());
    }

    @Test
    void bytesThatAreNoClassFileAreRefusedWithTheReason() throws IOException {
        IllegalArgumentException notClass = assertThrows(IllegalArgumentException.class,
                () -> ClassOutline.parse(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        assertTrue(notClass.getMessage().contains("not a class file"), notClass.getMessage());
        byte[] whole = classFile(Constants.class);
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> ClassOutline.parse(Arrays.copyOf(whole, whole.length / 3)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }

    static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internal(type) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
