package io.remora.agent.instrument.inline;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which methods of a chosen class get advice, decided from the class file's method entry alone: its
 * name, access flags and descriptor. Named like Byte Buddy's element matchers, which these replace,
 * so that an instrumentation reads the same; an argument's type is compared by name, never loaded.
 */
public abstract class MethodMatcher {

    private final String description;

    protected MethodMatcher(String description) {
        this.description = description;
    }

    public abstract boolean matches(MethodEntry method);

    public final MethodMatcher and(MethodMatcher other) {
        MethodMatcher self = this;
        return new MethodMatcher(this + ".and(" + other + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                return self.matches(method) && other.matches(method);
            }
        };
    }

    public final MethodMatcher or(MethodMatcher other) {
        MethodMatcher self = this;
        return new MethodMatcher(this + ".or(" + other + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                return self.matches(method) || other.matches(method);
            }
        };
    }

    public static MethodMatcher not(MethodMatcher matcher) {
        return new MethodMatcher("not(" + matcher + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                return !matcher.matches(method);
            }
        };
    }

    /** A method (not a constructor) of this name. */
    public static MethodMatcher named(String name) {
        return new MethodMatcher("named(" + name + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                return method.name().equals(name);
            }
        };
    }

    public static MethodMatcher namedOneOf(String... names) {
        Set<String> all = new HashSet<>(Arrays.asList(names));
        return new MethodMatcher("namedOneOf(" + all + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                return all.contains(method.name());
            }
        };
    }

    public static MethodMatcher isConstructor() {
        return new MethodMatcher("isConstructor()") {
            @Override
            public boolean matches(MethodEntry method) {
                return method.isConstructor();
            }
        };
    }

    /** Neither a constructor nor the type initializer. */
    public static MethodMatcher isMethod() {
        return new MethodMatcher("isMethod()") {
            @Override
            public boolean matches(MethodEntry method) {
                return !method.isConstructor() && !method.isTypeInitializer();
            }
        };
    }

    public static MethodMatcher isPublic() {
        return withAccess(Opcodes.ACC_PUBLIC, "isPublic()");
    }

    public static MethodMatcher isPrivate() {
        return withAccess(Opcodes.ACC_PRIVATE, "isPrivate()");
    }

    public static MethodMatcher isStatic() {
        return withAccess(Opcodes.ACC_STATIC, "isStatic()");
    }

    public static MethodMatcher isAbstract() {
        return withAccess(Opcodes.ACC_ABSTRACT, "isAbstract()");
    }

    public static MethodMatcher isNative() {
        return withAccess(Opcodes.ACC_NATIVE, "isNative()");
    }

    public static MethodMatcher isSynthetic() {
        return withAccess(Opcodes.ACC_SYNTHETIC, "isSynthetic()");
    }

    private static MethodMatcher withAccess(int flag, String description) {
        return new MethodMatcher(description) {
            @Override
            public boolean matches(MethodEntry method) {
                return method.has(flag);
            }
        };
    }

    public static MethodMatcher takesArguments(int count) {
        return new MethodMatcher("takesArguments(" + count + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                return method.arguments().length == count;
            }
        };
    }

    /** Exactly these argument types, in this order. */
    public static MethodMatcher takesArguments(Class<?>... types) {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = Type.getType(types[i]).getClassName();
        }
        return new MethodMatcher("takesArguments(" + Arrays.toString(names) + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                Type[] arguments = method.arguments();
                if (arguments.length != names.length) {
                    return false;
                }
                for (int i = 0; i < names.length; i++) {
                    if (!arguments[i].getClassName().equals(names[i])) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    public static MethodMatcher takesArgument(int index, Class<?> type) {
        return takesArgument(index, Type.getType(type).getClassName());
    }

    /** @param typeName as Java source names it, {@code a.b.Outer$Inner} or {@code int[]} */
    public static MethodMatcher takesArgument(int index, String typeName) {
        return new MethodMatcher("takesArgument(" + index + ", " + typeName + ")") {
            @Override
            public boolean matches(MethodEntry method) {
                Type[] arguments = method.arguments();
                return index < arguments.length && arguments[index].getClassName().equals(typeName);
            }
        };
    }

    @Override
    public String toString() {
        return description;
    }
}
