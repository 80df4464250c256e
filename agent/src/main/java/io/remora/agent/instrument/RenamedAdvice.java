package io.remora.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * An advice class written once against one package's types and inlined as a copy against another's
 * (the Servlet API's {@code jakarta.servlet} and {@code javax.servlet}: the same interfaces, renamed),
 * so that the two namespaces share one source. The copy is made from the advice's class file when the
 * instrumentation is installed, with every reference to a type of {@code fromPackage} renamed into
 * {@code toPackage}, and under a name of its own, so that a loader that sees both namespaces describes
 * the two copies apart.
 */
public final class RenamedAdvice {

    private final String source;
    private final String name;
    private final String fromPackage;
    private final String toPackage;

    /**
     * @param source the advice class as written, e.g. {@code ...servlet.ServletAdvice}
     * @param name the copy's class name, in the same package
     * @param fromPackage the package whose types the source refers to, e.g. {@code jakarta.servlet}
     * @param toPackage what the copy refers to instead, e.g. {@code javax.servlet} (sub-packages follow)
     */
    public RenamedAdvice(String source, String name, String fromPackage, String toPackage) {
        this.source = source;
        this.name = name;
        this.fromPackage = fromPackage.replace('.', '/') + '/';
        this.toPackage = toPackage.replace('.', '/') + '/';
    }

    String source() {
        return source;
    }

    String name() {
        return name;
    }

    /** The copy's class file, from the source's. */
    byte[] classFile(byte[] sourceClassFile) {
        String sourceInternal = source.replace('.', '/');
        String nameInternal = name.replace('.', '/');
        Remapper renaming = new Remapper() {
            @Override
            public String map(String internalName) {
                if (internalName.equals(sourceInternal)) {
                    return nameInternal;
                }
                return internalName.startsWith(fromPackage) ? toPackage + internalName.substring(fromPackage.length())
                        : internalName;
            }
        };
        ClassReader reader = new ClassReader(sourceClassFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassRemapper(writer, renaming), 0);
        return writer.toByteArray();
    }
}
