package io.remora.agent.instrument.inline;

import net.bytebuddy.jar.asm.Opcodes;

/**
 * How many operand stack slots an instruction adds (positive) or takes away (negative), for the
 * instructions whose opcode alone says so (JVMS chapter 6). {@link OperandStack} handles itself those
 * that need their operand's type (fields, invocations, {@code ldc}, {@code multianewarray}) and those
 * where the count of slots does not say which values remain (the {@code dup_x} forms, conversions
 * between sizes, wide array loads, returns).
 */
final class SlotChange {

    private SlotChange() {
    }

    static int of(int opcode) {
        switch (opcode) {
            case Opcodes.ACONST_NULL: case Opcodes.ICONST_M1: case Opcodes.ICONST_0: case Opcodes.ICONST_1:
            case Opcodes.ICONST_2: case Opcodes.ICONST_3: case Opcodes.ICONST_4: case Opcodes.ICONST_5:
            case Opcodes.FCONST_0: case Opcodes.FCONST_1: case Opcodes.FCONST_2:
            case Opcodes.BIPUSH: case Opcodes.SIPUSH:
            case Opcodes.ILOAD: case Opcodes.FLOAD: case Opcodes.ALOAD:
            case Opcodes.DUP: case Opcodes.NEW:
            case Opcodes.I2L: case Opcodes.I2D: case Opcodes.F2L: case Opcodes.F2D:
                return 1;
            case Opcodes.LCONST_0: case Opcodes.LCONST_1: case Opcodes.DCONST_0: case Opcodes.DCONST_1:
            case Opcodes.LLOAD: case Opcodes.DLOAD:
            case Opcodes.DUP2:
                return 2;
            case Opcodes.IALOAD: case Opcodes.FALOAD: case Opcodes.AALOAD: case Opcodes.BALOAD:
            case Opcodes.CALOAD: case Opcodes.SALOAD:
            case Opcodes.ISTORE: case Opcodes.FSTORE: case Opcodes.ASTORE:
            case Opcodes.POP:
            case Opcodes.IADD: case Opcodes.FADD: case Opcodes.ISUB: case Opcodes.FSUB:
            case Opcodes.IMUL: case Opcodes.FMUL: case Opcodes.IDIV: case Opcodes.FDIV:
            case Opcodes.IREM: case Opcodes.FREM:
            case Opcodes.ISHL: case Opcodes.LSHL: case Opcodes.ISHR: case Opcodes.LSHR:
            case Opcodes.IUSHR: case Opcodes.LUSHR:
            case Opcodes.IAND: case Opcodes.IOR: case Opcodes.IXOR:
            case Opcodes.L2I: case Opcodes.L2F: case Opcodes.D2I: case Opcodes.D2F:
            case Opcodes.FCMPL: case Opcodes.FCMPG:
            case Opcodes.IFEQ: case Opcodes.IFNE: case Opcodes.IFLT: case Opcodes.IFGE: case Opcodes.IFGT:
            case Opcodes.IFLE: case Opcodes.IFNULL: case Opcodes.IFNONNULL:
            case Opcodes.TABLESWITCH: case Opcodes.LOOKUPSWITCH:
            case Opcodes.IRETURN: case Opcodes.FRETURN: case Opcodes.ARETURN:
            case Opcodes.MONITORENTER: case Opcodes.MONITOREXIT:
                return -1;
            case Opcodes.LSTORE: case Opcodes.DSTORE:
            case Opcodes.POP2:
            case Opcodes.LADD: case Opcodes.DADD: case Opcodes.LSUB: case Opcodes.DSUB:
            case Opcodes.LMUL: case Opcodes.DMUL: case Opcodes.LDIV: case Opcodes.DDIV:
            case Opcodes.LREM: case Opcodes.DREM:
            case Opcodes.LAND: case Opcodes.LOR: case Opcodes.LXOR:
            case Opcodes.IF_ICMPEQ: case Opcodes.IF_ICMPNE: case Opcodes.IF_ICMPLT: case Opcodes.IF_ICMPGE:
            case Opcodes.IF_ICMPGT: case Opcodes.IF_ICMPLE: case Opcodes.IF_ACMPEQ: case Opcodes.IF_ACMPNE:
            case Opcodes.LRETURN: case Opcodes.DRETURN:
                return -2;
            case Opcodes.IASTORE: case Opcodes.FASTORE: case Opcodes.AASTORE: case Opcodes.BASTORE:
            case Opcodes.CASTORE: case Opcodes.SASTORE:
            case Opcodes.LCMP: case Opcodes.DCMPL: case Opcodes.DCMPG:
                return -3;
            case Opcodes.LASTORE: case Opcodes.DASTORE:
                return -4;
            default:
                // nop, the negations, the conversions within a size, swap, goto, iinc, newarray, anewarray,
                // arraylength, checkcast, instanceof, and the long and double array loads (two slots for two)
                return 0;
        }
    }
}
