package io.remora.exporter.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;

/** Both implementations, checked against snappy-java's own decoder. */
class SnappyCompressorTest {

    static Stream<SnappyCompressor> compressors() {
        return Stream.of(new NativeSnappyCompressor(), new PureJavaSnappyCompressor());
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void emptyInput(SnappyCompressor compressor) throws Exception {
        byte[] compressed = assertRoundTrips(compressor, new byte[0]);
        assertArrayEquals(new byte[] {0}, compressed);
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void oneByte(SnappyCompressor compressor) throws Exception {
        assertRoundTrips(compressor, new byte[] {42});
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void shortInputsOfEveryLengthAroundTheMatchingMargin(SnappyCompressor compressor) throws Exception {
        Random random = new Random(1);
        for (int length = 0; length <= 40; length++) {
            assertRoundTrips(compressor, repetitive(random, length, 3));
            assertRoundTrips(compressor, randomBytes(random, length));
        }
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void randomInputs(SnappyCompressor compressor) throws Exception {
        Random random = new Random(2);
        for (int round = 0; round < 50; round++) {
            assertRoundTrips(compressor, randomBytes(random, random.nextInt(200_000)));
        }
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void highlyCompressibleInputShrinks(SnappyCompressor compressor) throws Exception {
        byte[] zeros = new byte[1_000_000];
        assertTrue(assertRoundTrips(compressor, zeros).length < zeros.length / 20);
        byte[] text = "job=\"api\",instance=\"host:8080\",method=\"GET\",code=\"200\"\n".repeat(20_000)
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(assertRoundTrips(compressor, text).length < text.length / 10);
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void mixedInputsWithMatchesOfEveryLengthAndDistance(SnappyCompressor compressor) throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < 40; round++) {
            assertRoundTrips(compressor, repetitive(random, random.nextInt(300_000), 1 + random.nextInt(70_000)));
        }
    }

    @ParameterizedTest
    @MethodSource("compressors")
    void largeInputInTheMiddleOfBothArrays(SnappyCompressor compressor) throws Exception {
        Random random = new Random(4);
        byte[] data = repetitive(random, 6 * 1024 * 1024, 5000);
        int off = 17;
        byte[] in = new byte[off + data.length + 9];
        System.arraycopy(data, 0, in, off, data.length);
        int outOff = 5;
        byte[] out = new byte[outOff + compressor.maxCompressedLength(data.length)];

        int length = compressor.compress(in, off, data.length, out, outOff);

        assertArrayEquals(data, Snappy.uncompress(Arrays.copyOfRange(out, outOff, outOff + length)));
    }

    private static byte[] assertRoundTrips(SnappyCompressor compressor, byte[] data) throws Exception {
        byte[] out = new byte[compressor.maxCompressedLength(data.length)];
        int length = compressor.compress(data, 0, data.length, out, 0);
        byte[] compressed = Arrays.copyOf(out, length);
        assertArrayEquals(data, Snappy.uncompress(compressed), compressor.name() + ", " + data.length + " bytes");
        return compressed;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random runs, short and long, copied from random earlier places up to {@code maxDistance} back. */
    private static byte[] repetitive(Random random, int length, int maxDistance) {
        byte[] bytes = new byte[length];
        int pos = 0;
        while (pos < length) {
            int run = Math.min(length - pos, 1 + random.nextInt(random.nextBoolean() ? 16 : 300));
            if (pos == 0 || random.nextInt(4) == 0) {
                for (int i = 0; i < run; i++) {
                    bytes[pos + i] = (byte) ('a' + random.nextInt(4));
                }
            } else {
                int from = pos - 1 - random.nextInt(Math.min(pos, maxDistance));
                for (int i = 0; i < run; i++) {
                    bytes[pos + i] = bytes[from + i]; // may overlap: a repeating pattern
                }
            }
            pos += run;
        }
        return bytes;
    }
}
