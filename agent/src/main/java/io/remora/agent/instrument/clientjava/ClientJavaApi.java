package io.remora.agent.instrument.clientjava;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;

/**
 * One copy of a Prometheus client_java registry API, as the class loader that defined the
 * registry class sees it, its methods looked up once per copy ({@link #of}): the agent cannot link
 * against client_java (its loader does not see the application's classes, and the agent jar carries
 * none of them), so every call is reflective. Only the library's default registry is read: other
 * registries are the application's to expose or not (Micrometer's Prometheus registry builds one of
 * its own, which the Micrometer bridge already reads).
 */
abstract class ClientJavaApi {

    /** Where a registry's samples go, as the text format would show them. */
    interface Samples {
        /** @param labels names and values, in pairs */
        void sample(String name, String[] labels, double value);
    }

    private static final ClassValue<ClientJavaApi> BY_REGISTRY_CLASS = new ClassValue<ClientJavaApi>() {
        @Override
        protected ClientJavaApi computeValue(Class<?> registryClass) {
            try {
                switch (registryClass.getName()) {
                    case ModelApi.REGISTRY:
                        return new ModelApi(registryClass);
                    case SimpleclientApi.REGISTRY:
                        return new SimpleclientApi(registryClass);
                    default:
                        return null;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw new IllegalStateException("unsupported client_java version (" + e + ")", e);
            }
        }
    };

    private final Field defaultRegistry;

    ClientJavaApi(Class<?> registryClass) throws ReflectiveOperationException {
        defaultRegistry = registryClass.getField("defaultRegistry");
    }

    /**
     * The API of the client_java copy a registry belongs to, or null when {@code registry} is no
     * client_java registry (the bridges share the registries found).
     *
     * @throws IllegalStateException when that copy lacks a method the collector reads
     */
    static ClientJavaApi of(Object registry) {
        return BY_REGISTRY_CLASS.get(registry.getClass());
    }

    /** The name of the registry class, for the log: which client_java. */
    abstract String library();

    boolean isDefault(Object registry) {
        try {
            return defaultRegistry.get(null) == registry;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The collectors registered now, each to be read alone ({@link #collect}). */
    abstract List<Object> collectors(Object registry);

    /**
     * Every sample of one collector, as the library's text format shows it.
     *
     * @throws RuntimeException what the application's collector threw
     */
    abstract void collect(Object collector, Samples samples);

    static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }

    static Object get(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field + " is not accessible: " + e, e);
        }
    }
}
