package io.remora.exporter.compress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A snappy block compressor in plain Java, for where the native library cannot load (an unusual
 * platform, a temporary directory mounted noexec). It follows Google's reference compressor:
 * 64 KiB fragments, a hash table of recent 4-byte sequences, greedy matching that skips ahead
 * faster the longer nothing matches, and literal, copy-1 and copy-2 elements. The output differs
 * from the native one byte for byte but any snappy decoder reads it.
 */
public final class PureJavaSnappyCompressor implements SnappyCompressor {

    private static final int FRAGMENT_SIZE = 1 << 16;
    private static final int MAX_HASH_TABLE_SIZE = 1 << 14;
    private static final int MIN_HASH_TABLE_SIZE = 1 << 8;
    /** Matching stops this far before a fragment's end so that 4- and 8-byte reads stay inside. */
    private static final int INPUT_MARGIN = 15;
    private static final int LITERAL = 0;
    private static final int COPY_1_BYTE_OFFSET = 1;
    private static final int COPY_2_BYTE_OFFSET = 2;
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Positions within the current fragment, by hash of the 4 bytes found there. */
    private final int[] table = new int[MAX_HASH_TABLE_SIZE];

    @Override
    public int maxCompressedLength(int inputLength) {
        // the bound of Google's snappy: a varint preamble plus literals' worst-case tag overhead
        return 32 + inputLength + inputLength / 6;
    }

    @Override
    public int compress(byte[] in, int off, int len, byte[] out, int outOff) {
        if (off < 0 || len < 0 || off > in.length - len) {
            throw new IndexOutOfBoundsException("input range " + off + "+" + len + " of " + in.length);
        }
        if (outOff < 0 || outOff > out.length - maxCompressedLength(len)) {
            throw new IndexOutOfBoundsException("output from " + outOff + " needs " + maxCompressedLength(len)
                    + " bytes, the array has " + out.length);
        }
        int op = writeUncompressedLength(out, outOff, len);
        int end = off + len;
        for (int fragment = off; fragment < end; fragment += FRAGMENT_SIZE) {
            op = compressFragment(in, fragment, Math.min(FRAGMENT_SIZE, end - fragment), out, op);
        }
        return op - outOff;
    }

    @Override
    public String name() {
        return "pure-java";
    }

    private static int writeUncompressedLength(byte[] out, int op, int length) {
        while ((length & ~0x7F) != 0) {
            out[op++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out[op++] = (byte) length;
        return op;
    }

    private int compressFragment(byte[] in, int base, int length, byte[] out, int op) {
        int fragmentEnd = base + length;
        int nextEmit = base;
        if (length >= INPUT_MARGIN) {
            int tableSize = tableSizeFor(length);
            int shift = Integer.SIZE - Integer.numberOfTrailingZeros(tableSize);
            Arrays.fill(table, 0, tableSize, 0);
            int matchLimit = fragmentEnd - INPUT_MARGIN;
            int ip = base + 1;
            int nextHash = hash(load32(in, ip), shift);
            search:
            while (true) {
                // look for a 4-byte match, stepping further the longer the search goes unrewarded
                int skip = 32;
                int nextIp = ip;
                int candidate;
                do {
                    ip = nextIp;
                    int hash = nextHash;
                    nextIp = ip + (skip++ >>> 5);
                    if (nextIp > matchLimit) {
                        break search;
                    }
                    nextHash = hash(load32(in, nextIp), shift);
                    candidate = base + table[hash];
                    table[hash] = ip - base;
                } while (load32(in, ip) != load32(in, candidate));

                op = emitLiteral(in, nextEmit, ip - nextEmit, out, op);
                // emit copies for as long as the bytes right after each match match again
                do {
                    int matchStart = ip;
                    int matched = 4 + matchLength(in, candidate + 4, ip + 4, fragmentEnd);
                    ip += matched;
                    op = emitCopy(out, op, matchStart - candidate, matched);
                    nextEmit = ip;
                    if (ip >= matchLimit) {
                        break search;
                    }
                    table[hash(load32(in, ip - 1), shift)] = ip - 1 - base;
                    int hash = hash(load32(in, ip), shift);
                    candidate = base + table[hash];
                    table[hash] = ip - base;
                } while (load32(in, ip) == load32(in, candidate));
                nextHash = hash(load32(in, ++ip), shift);
            }
        }
        if (nextEmit < fragmentEnd) {
            op = emitLiteral(in, nextEmit, fragmentEnd - nextEmit, out, op);
        }
        return op;
    }

    private static int tableSizeFor(int fragmentLength) {
        int size = MIN_HASH_TABLE_SIZE;
        while (size < MAX_HASH_TABLE_SIZE && size < fragmentLength) {
            size <<= 1;
        }
        return size;
    }

    private static int hash(int bytes, int shift) {
        return (bytes * 0x1e35a7bd) >>> shift;
    }

    private static int load32(byte[] in, int index) {
        return (int) INT_LE.get(in, index);
    }

    /** How many bytes from {@code a} equal those from {@code b}, reading {@code b} no further than {@code bLimit}. */
    private static int matchLength(byte[] in, int a, int b, int bLimit) {
        int matched = 0;
        while (b + matched <= bLimit - Long.BYTES) {
            long difference = (long) LONG_LE.get(in, a + matched) ^ (long) LONG_LE.get(in, b + matched);
            if (difference != 0) {
                return matched + Long.numberOfTrailingZeros(difference) / Byte.SIZE;
            }
            matched += Long.BYTES;
        }
        while (b + matched < bLimit && in[a + matched] == in[b + matched]) {
            matched++;
        }
        return matched;
    }

    private static int emitLiteral(byte[] in, int from, int length, byte[] out, int op) {
        int n = length - 1;
        if (n < 60) {
            out[op++] = (byte) (LITERAL | n << 2);
        } else if (n < 1 << 8) {
            out[op++] = (byte) (LITERAL | 60 << 2);
            out[op++] = (byte) n;
        } else {
            // a fragment is at most 64 KiB, so two length bytes always suffice
            out[op++] = (byte) (LITERAL | 61 << 2);
            out[op++] = (byte) n;
            out[op++] = (byte) (n >>> 8);
        }
        System.arraycopy(in, from, out, op, length);
        return op + length;
    }

    /** Emits a copy of any length from 4 up; offsets stay below 64 KiB within a fragment. */
    private static int emitCopy(byte[] out, int op, int offset, int length) {
        while (length >= 68) {
            op = emitCopyUpTo64(out, op, offset, 64);
            length -= 64;
        }
        if (length > 64) {
            // leave at least 4 for the last copy, the shortest one can be
            op = emitCopyUpTo64(out, op, offset, 60);
            length -= 60;
        }
        return emitCopyUpTo64(out, op, offset, length);
    }

    private static int emitCopyUpTo64(byte[] out, int op, int offset, int length) {
        if (length < 12 && offset < 2048) {
            out[op++] = (byte) (COPY_1_BYTE_OFFSET | (length - 4) << 2 | (offset >>> 8) << 5);
            out[op++] = (byte) offset;
        } else {
            out[op++] = (byte) (COPY_2_BYTE_OFFSET | (length - 1) << 2);
            out[op++] = (byte) offset;
            out[op++] = (byte) (offset >>> 8);
        }
        return op;
    }
}
