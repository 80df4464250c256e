package io.remora.it.agent.app;

import com.google.protobuf.Timestamp;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.jctools.queues.MpscArrayQueue;
import org.xerial.snappy.Snappy;

/**
 * An application that bundles its own versions of the agent's dependencies (protobuf-java,
 * snappy-java, jctools, byte-buddy) and uses each: it prints which jar each came from and what it
 * did with it. Compiled against the current versions, it only calls what the old ones have too.
 */
public final class LibrariesApp {

    public static final int EXIT_CODE = 5;

    private LibrariesApp() {
    }

    /** {@code args[0]}: milliseconds to stay alive after the work, so the agent collects at least once. */
    public static void main(String[] args) throws Exception {
        byte[] timestamp = Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(42).build().toByteArray();
        Timestamp parsed = Timestamp.parseFrom(timestamp);
        System.out.println("protobuf " + jarOf(Timestamp.class) + ": " + parsed.getSeconds() + "s " + parsed.getNanos() + "ns");

        byte[] text = "remora remora remora remora remora".getBytes(StandardCharsets.UTF_8);
        byte[] compressed = Snappy.compress(text);
        System.out.println("snappy " + jarOf(Snappy.class) + " native " + Snappy.getNativeLibraryVersion() + ": "
                + text.length + " -> " + compressed.length + " -> "
                + new String(Snappy.uncompress(compressed), StandardCharsets.UTF_8).length());

        MpscArrayQueue<Integer> queue = new MpscArrayQueue<>(8);
        int offered = 0;
        while (queue.offer(offered)) {
            offered++;
        }
        int sum = 0;
        for (Integer value = queue.poll(); value != null; value = queue.poll()) {
            sum += value;
        }
        System.out.println("jctools " + jarOf(MpscArrayQueue.class) + ": capacity " + offered + ", sum " + sum);

        Class<?> defined = new ByteBuddy()
                .subclass(Object.class)
                .name("io.remora.it.agent.app.Generated")
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by byte-buddy"))
                .make()
                .load(LibrariesApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        System.out.println("byte-buddy " + jarOf(ByteBuddy.class) + ": " + defined.getName() + " says "
                + defined.getDeclaredConstructor().newInstance());

        Thread.sleep(Long.parseLong(args[0]));
        System.exit(EXIT_CODE);
    }

    /** The file name of the jar a class was loaded from. */
    private static String jarOf(Class<?> type) {
        URL location = type.getProtectionDomain().getCodeSource().getLocation();
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
