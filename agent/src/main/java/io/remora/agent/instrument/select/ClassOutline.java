package io.remora.agent.instrument.select;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What hierarchy matching needs of a class file, read straight from its bytes: the access flags, the
 * super class and the interfaces (internal names, {@code a/b/C}). One pass over the constant pool,
 * no parsing of fields, methods or attributes, and nothing of Byte Buddy or ASM: this runs for every
 * class the application loads.
 */
final class ClassOutline implements MethodDeclarations {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_INTERFACE = 0x0200;

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private final boolean isInterface;
    /** Null for {@code java/lang/Object} and {@code module-info}. */
    private final String superName;
    private final String[] interfaceNames;
    /** Kept for {@link #declaresAny}. */
    private final byte[] bytes;
    private final int[] entries;
    private final int fieldsAt;

    private ClassOutline(boolean isInterface, String superName, String[] interfaceNames, byte[] bytes, int[] entries,
            int fieldsAt) {
        this.isInterface = isInterface;
        this.superName = superName;
        this.interfaceNames = interfaceNames;
        this.bytes = bytes;
        this.entries = entries;
        this.fieldsAt = fieldsAt;
    }

    /** @throws IllegalArgumentException naming what is wrong with bytes that are no class file */
    static ClassOutline parse(byte[] bytes) {
        try {
            return read(bytes);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("class file truncated", e);
        }
    }

    private static ClassOutline read(byte[] b) {
        if (u4(b, 0) != MAGIC) {
            throw new IllegalArgumentException("not a class file (magic " + Integer.toHexString(u4(b, 0)) + ")");
        }
        int count = u2(b, 8);
        // offset of each entry's first byte after its tag; a long or double takes two slots
        int[] entries = new int[count];
        int at = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[at++];
            entries[i] = at;
            switch (tag) {
                case UTF8:
                    at += 2 + u2(b, at);
                    break;
                case CLASS: case STRING: case METHOD_TYPE: case MODULE: case PACKAGE:
                    at += 2;
                    break;
                case METHOD_HANDLE:
                    at += 3;
                    break;
                case INTEGER: case FLOAT: case FIELD_REF: case METHOD_REF: case INTERFACE_METHOD_REF:
                case NAME_AND_TYPE: case DYNAMIC: case INVOKE_DYNAMIC:
                    at += 4;
                    break;
                case LONG: case DOUBLE:
                    at += 8;
                    i++;
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        int access = u2(b, at);
        int superIndex = u2(b, at + 4);
        int interfaces = u2(b, at + 6);
        String[] interfaceNames = new String[interfaces];
        for (int i = 0; i < interfaces; i++) {
            interfaceNames[i] = className(b, entries, u2(b, at + 8 + 2 * i));
        }
        String superName = superIndex == 0 ? null : className(b, entries, superIndex);
        return new ClassOutline((access & ACC_INTERFACE) != 0, superName, interfaceNames, b, entries,
                at + 8 + 2 * interfaces);
    }

    /**
     * Whether the class declares a method (of any signature) of one of these names; reads the
     * fields and methods tables, past the outline, and decodes no name.
     *
     * @throws IllegalArgumentException when the class file is truncated there
     */
    @Override
    public boolean declaresAny(MethodNames names) {
        try {
            int at = skipMembers(fieldsAt);
            int methods = u2(bytes, at);
            at += 2;
            for (int i = 0; i < methods; i++) {
                int name = entries[u2(bytes, at + 2)];
                if (names.matches(bytes, name + 2, u2(bytes, name))) {
                    return true;
                }
                at = skipAttributes(at + 6);
            }
            return false;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("class file truncated", e);
        }
    }

    /** @return the offset after a fields (or methods) table */
    private int skipMembers(int at) {
        int count = u2(bytes, at);
        at += 2;
        for (int i = 0; i < count; i++) {
            at = skipAttributes(at + 6); // access, name, descriptor
        }
        return at;
    }

    private int skipAttributes(int at) {
        int count = u2(bytes, at);
        at += 2;
        for (int i = 0; i < count; i++) {
            at += 6 + u4(bytes, at + 2);
        }
        return at;
    }

    /** The name a CONSTANT_Class entry points to. */
    private static String className(byte[] b, int[] entries, int classIndex) {
        return utf8(b, entries[u2(b, entries[classIndex])]);
    }

    /** The text of the CONSTANT_Utf8 entry whose length is at {@code utf8}. */
    private static String utf8(byte[] b, int utf8) {
        int length = u2(b, utf8);
        for (int i = utf8 + 2; i < utf8 + 2 + length; i++) {
            if (b[i] < 0) { // modified UTF-8 beyond ASCII: rare in class names, decoded the JDK's way
                return decodeModifiedUtf8(b, utf8, length);
            }
        }
        return new String(b, utf8 + 2, length, StandardCharsets.ISO_8859_1);
    }

    private static String decodeModifiedUtf8(byte[] b, int utf8, int length) {
        try {
            byte[] withLength = new byte[length + 2];
            System.arraycopy(b, utf8, withLength, 0, length + 2);
            return new DataInputStream(new ByteArrayInputStream(withLength)).readUTF();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad class name in constant pool: " + e.getMessage(), e);
        }
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }

    boolean isInterface() {
        return isInterface;
    }

    /** The super class's internal name; null for {@code java/lang/Object}. */
    String superName() {
        return superName;
    }

    String[] interfaceNames() {
        return interfaceNames;
    }
}
