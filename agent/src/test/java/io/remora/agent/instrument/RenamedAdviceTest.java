package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.agent.instrument.renaming.from.Request;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class RenamedAdviceTest {

    /** Stands for an advice class: refers to a type of the namespace it is written against. */
    static final class Written {
        private Written() {
        }

        static String methodOf(Request request) {
            return request.method();
        }
    }

    @Test
    void theCopyRefersToTheOtherNamespaceUnderItsOwnName() throws Exception {
        String source = Written.class.getName();
        RenamedAdvice renamed = new RenamedAdvice(source, source + "ForTo",
                "io.remora.agent.instrument.renaming.from", "io.remora.agent.instrument.renaming.to");

        byte[] copy = renamed.classFile(classFile(Written.class));
        Class<?> loaded = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(renamed.name(), copy, 0, copy.length);
            }
        }.define();

        assertEquals(source + "ForTo", loaded.getName());
        Method method = loaded.getDeclaredMethod("methodOf", io.remora.agent.instrument.renaming.to.Request.class);
        method.setAccessible(true);
        io.remora.agent.instrument.renaming.to.Request other = () -> "GET";
        assertEquals("GET", method.invoke(null, other));
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return in.readAllBytes();
        }
    }
}
