package io.remora.agent.instrument.inline;

import io.remora.agent.instrument.inline.Binding.Kind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Type;

/**
 * An advice class as the {@link Inliner} uses it: its class file, and its enter and exit methods read
 * from their {@code @Advice} annotations. Only what Remora's advice uses is accepted; any other
 * attribute is an error here, when the instrumentation is installed, never a silently different
 * weaving.
 */
public final class AdviceClass {

    private static final String ADVICE = "Lnet/bytebuddy/asm/Advice$";
    private static final String NO_HANDLER = "net/bytebuddy/asm/Advice$NoExceptionHandler";

    final String name;
    final byte[] classFile;
    /** Null where the class has no such method. */
    final AdviceMethod enter;
    final AdviceMethod exit;

    private AdviceClass(String name, byte[] classFile, AdviceMethod enter, AdviceMethod exit) {
        this.name = name;
        this.classFile = classFile;
        this.enter = enter;
        this.exit = exit;
    }

    /** @throws IllegalArgumentException when the advice uses what the inliner does not support */
    public static AdviceClass parse(byte[] classFile) {
        Parser parser = new Parser();
        new ClassReader(classFile).accept(parser, 0);
        if (parser.enter == null && parser.exit == null) {
            throw new IllegalArgumentException(parser.className + " has no @Advice.OnMethodEnter or @Advice.OnMethodExit");
        }
        if (parser.enter != null && parser.enter.returnType().getSort() == Type.VOID) {
            for (AdviceMethod method : new AdviceMethod[] {parser.enter, parser.exit}) {
                if (method != null && uses(method, Kind.ENTER)) {
                    throw new IllegalArgumentException(parser.className + ": @Advice.Enter with a void enter advice");
                }
            }
        }
        return new AdviceClass(parser.className, classFile, parser.enter, parser.exit);
    }

    private static boolean uses(AdviceMethod method, Kind kind) {
        for (Binding parameter : method.parameters) {
            if (parameter.kind == kind) {
                return true;
            }
        }
        return false;
    }

    private static final class Parser extends ClassVisitor {
        String className;
        AdviceMethod enter;
        AdviceMethod exit;

        Parser() {
            super(Inliner.ASM_API);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            className = name.replace('/', '.');
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodParser(this, name, descriptor);
        }

        void found(AdviceMethod method) {
            if (method.exit ? exit != null : enter != null) {
                throw new IllegalArgumentException(className + " has two " + (method.exit ? "exit" : "enter") + " methods");
            }
            if (method.exit) {
                exit = method;
            } else {
                enter = method;
            }
        }
    }

    /** Reads one method's advice annotations; a method without one is not advice (a constructor). */
    private static final class MethodParser extends MethodVisitor {
        private final Parser owner;
        private final String name;
        private final String descriptor;
        private final Map<String, Object> values = new HashMap<>();
        private final Type[] types;
        private final Map<Integer, Binding> bindings = new HashMap<>();
        private Boolean exit;
        private int maxStack;
        private int maxLocals;

        MethodParser(Parser owner, String name, String descriptor) {
            super(Inliner.ASM_API);
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.types = Type.getArgumentTypes(descriptor);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            if (annotation.equals(ADVICE + "OnMethodEnter;") || annotation.equals(ADVICE + "OnMethodExit;")) {
                exit = annotation.endsWith("Exit;");
                return new Values(values, where() + " @Advice." + (exit ? "OnMethodExit" : "OnMethodEnter"),
                        exit ? new String[] {"suppress", "onThrowable", "backupArguments", "inline"}
                                : new String[] {"suppress", "prependLineNumber", "inline"});
            }
            return null;
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
            if (!annotation.startsWith(ADVICE)) {
                return null;
            }
            String simpleName = annotation.substring(ADVICE.length(), annotation.length() - 1);
            String[] allowed;
            switch (simpleName) {
                case "Argument": allowed = new String[] {"value", "readOnly", "optional"}; break;
                case "Local": case "FieldValue": case "Origin": allowed = new String[] {"value"}; break;
                case "This": case "Return": case "Thrown": case "Enter": allowed = new String[0]; break;
                default:
                    throw new IllegalArgumentException(where() + ": @Advice." + simpleName + " is not supported");
            }
            Map<String, Object> parameterValues = new HashMap<>();
            return new Values(parameterValues, where() + " @Advice." + simpleName, allowed) {
                @Override
                public void visitEnd() {
                    bindings.put(parameter, binding(simpleName, types[parameter], parameter, parameterValues));
                }
            };
        }

        private Binding binding(String simpleName, Type type, int parameter, Map<String, Object> annotation) {
            switch (simpleName) {
                case "Argument":
                    return new Binding(Kind.ARGUMENT, type, (Integer) annotation.get("value"), null,
                            Boolean.FALSE.equals(annotation.get("readOnly")),
                            Boolean.TRUE.equals(annotation.get("optional")));
                case "Local":
                    return new Binding(Kind.LOCAL, type, -1, (String) annotation.get("value"), true, false);
                case "FieldValue":
                    return new Binding(Kind.FIELD, type, -1, (String) annotation.get("value"), false, false);
                case "Origin":
                    return new Binding(Kind.ORIGIN, type, -1, (String) annotation.getOrDefault("value", ""), false,
                            false);
                default:
                    return new Binding(Kind.valueOf(simpleName.toUpperCase(Locale.ROOT)), type, -1, null,
                            false, false);
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            this.maxStack = maxStack;
            this.maxLocals = maxLocals;
        }

        @Override
        public void visitEnd() {
            if (exit == null) {
                return;
            }
            if (exit && Type.getReturnType(descriptor).getSort() != Type.VOID) {
                throw new IllegalArgumentException(where() + ": exit advice must return void");
            }
            Binding[] parameters = new Binding[types.length];
            for (int i = 0; i < types.length; i++) {
                // an unannotated parameter is the instrumented method's argument of the same index, as in Byte Buddy
                parameters[i] = bindings.getOrDefault(i, new Binding(Kind.ARGUMENT, types[i], i, null, false, false));
                check(parameters[i]);
            }
            String suppressed = handler(values.get("suppress"));
            String onThrowable = handler(values.get("onThrowable"));
            if (Boolean.FALSE.equals(values.get("inline"))) {
                throw new IllegalArgumentException(where() + ": only inlined advice is supported");
            }
            owner.found(new AdviceMethod(name, descriptor, exit, parameters, suppressed, onThrowable, maxStack,
                    maxLocals));
        }

        private void check(Binding parameter) {
            boolean exitOnly = parameter.kind == Kind.RETURN || parameter.kind == Kind.THROWN
                    || parameter.kind == Kind.ENTER;
            if (exitOnly && !exit) {
                throw new IllegalArgumentException(where() + ": @Advice." + parameter.kind + " in enter advice");
            }
            if (parameter.kind == Kind.ORIGIN && !parameter.type.getDescriptor().equals("Ljava/lang/String;")) {
                throw new IllegalArgumentException(where() + ": @Advice.Origin must be a String");
            }
            if (parameter.kind == Kind.ORIGIN && !Origin.isSupported(parameter.name)) {
                throw new IllegalArgumentException(where() + ": @Advice.Origin(\"" + parameter.name
                        + "\") is not supported (" + Origin.SUPPORTED + ")");
            }
        }

        private static String handler(Object type) {
            String name = type == null ? NO_HANDLER : ((Type) type).getInternalName();
            return name.equals(NO_HANDLER) ? null : name;
        }

        private String where() {
            return owner.className + "." + name;
        }
    }

    /** Collects an annotation's values, refusing attributes outside {@code allowed}. */
    private static class Values extends AnnotationVisitor {
        private final Map<String, Object> values;
        private final String where;
        private final String[] allowed;

        Values(Map<String, Object> values, String where, String[] allowed) {
            super(Inliner.ASM_API);
            this.values = values;
            this.where = where;
            this.allowed = allowed;
        }

        @Override
        public void visit(String name, Object value) {
            for (String attribute : allowed) {
                if (attribute.equals(name)) {
                    values.put(name, value);
                    return;
                }
            }
            throw new IllegalArgumentException(where + ": attribute " + name + " is not supported");
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            throw new IllegalArgumentException(where + ": attribute " + name + " is not supported");
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            throw new IllegalArgumentException(where + ": attribute " + name + " is not supported");
        }
    }
}
