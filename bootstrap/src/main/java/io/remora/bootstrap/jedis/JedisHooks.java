package io.remora.bootstrap.jedis;

import io.remora.bootstrap.redis.RedisCommands;
import io.remora.bootstrap.redis.RedisHooks;
import io.remora.bootstrap.Nesting;
import io.remora.bootstrap.WeakIdentityMap;

/**
 * What Jedis (4 and later) advice calls. Every command a {@code redis.clients.jedis.Connection}
 * sends goes through its {@code sendCommand(CommandArguments)}, and every reply it reads through
 * its {@code readProtocolWithCheckingBroken()}, whichever API issued it ({@code Jedis},
 * {@code JedisPooled}/{@code UnifiedJedis}, pipelines, transactions). Redis answers a
 * connection's commands in the order they were sent, so each connection keeps a queue of the
 * commands sent and not yet answered ({@link Pending}): a command is measured from the call that
 * sends it until its reply is read, and counted once, when that reply (or the failure to read it)
 * comes. A pipeline's commands are each measured from their send to their reply; a transaction's
 * commands each until their {@code QUEUED} reply, and {@code MULTI} and {@code EXEC} are commands
 * of their own.
 *
 * <p>error_type: what reading the reply threw, Jedis's {@code JedisDataException} (or its subclass)
 * for an error reply; when the connection breaks, every command still waiting on it is counted
 * with the class of what broke it. A send that throws (connection refused, a broken socket) counts
 * its command at once with that class.
 *
 * <p>The connection's own set-up ({@code initializeFromClientConfig}: HELLO, AUTH, CLIENT SETINFO,
 * SELECT) is not counted, as Lettuce's handshake is not. Replies nobody asked for (pub/sub messages
 * after SUBSCRIBE's confirmation, MONITOR's stream) find the queue empty and count nothing.
 */
public final class JedisHooks {

    private static final WeakIdentityMap<Pending> PENDING = new WeakIdentityMap<>();
    private static final Nesting INITIALIZING = new Nesting();

    private JedisHooks() {
    }

    /** Around a connection's set-up: nothing it sends is counted. */
    public static void enterInitialize() {
        INITIALIZING.enter();
    }

    public static void exitInitialize() {
        INITIALIZING.exit();
    }

    /**
     * After {@code sendCommand(args)}.
     * @param command the command's name as sent (its {@code ProtocolCommand.getRaw()})
     * @param thrown what the send threw, or null: then the command waits for its reply
     */
    public static void sent(Object connection, long startNanos, byte[] command, Throwable thrown) {
        if (INITIALIZING.inside()) {
            return;
        }
        String operation = RedisCommands.of(command);
        if (thrown != null) {
            RedisHooks.record(startNanos, System.nanoTime(), operation, thrown);
            return;
        }
        Pending pending = PENDING.get(connection);
        if (pending == null) {
            pending = pendingOf(connection);
        }
        pending.add(startNanos, operation);
    }

    /** A connection's first command: its queue, made once even when two threads send at once (pub/sub). */
    private static Pending pendingOf(Object connection) {
        synchronized (PENDING) {
            Pending pending = PENDING.get(connection);
            if (pending == null) {
                pending = new Pending();
                PENDING.put(connection, pending);
            }
            return pending;
        }
    }

    /**
     * After {@code readProtocolWithCheckingBroken()}: the oldest command waiting on the connection
     * has its reply, or its error.
     * @param connectionLost true when {@code thrown} means the connection is gone (Jedis's
     *     {@code JedisConnectionException}): every command still waiting fails with it
     */
    public static void read(Object connection, Throwable thrown, boolean connectionLost) {
        Pending pending = PENDING.get(connection);
        if (pending != null) {
            pending.answered(System.nanoTime(), thrown, connectionLost);
        }
    }

    /**
     * When a connection closes: the commands sent on it whose replies were never read (a pipeline
     * left unsynced) are forgotten, so that a reconnected connection pairs replies anew.
     */
    public static void disconnected(Object connection) {
        Pending pending = PENDING.get(connection);
        if (pending != null) {
            pending.clear();
        }
    }

    /**
     * The commands sent on one connection and not yet answered, oldest first: a ring of start times
     * and operation names that grows with a pipeline and allocates nothing once grown. A pub/sub
     * connection is written by one thread while another reads it, hence the lock (uncontended
     * everywhere else).
     */
    static final class Pending {
        /** Commands waiting on one connection at most: a pipeline of a million. */
        static final int MAX = 1 << 20;

        private long[] starts = new long[4];
        private String[] operations = new String[4];
        private int head;
        private int size;

        synchronized void add(long startNanos, String operation) {
            if (size == MAX) {
                return; // a pipeline never read: its replies would be paired with the wrong commands from here on
            }
            if (size == starts.length) {
                grow();
            }
            int tail = (head + size) & (starts.length - 1);
            starts[tail] = startNanos;
            operations[tail] = operation;
            size++;
        }

        synchronized void answered(long endNanos, Throwable thrown, boolean connectionLost) {
            int count = connectionLost ? size : Math.min(size, 1);
            for (int i = 0; i < count; i++) {
                RedisHooks.record(starts[head], endNanos, operations[head], thrown);
                operations[head] = null;
                head = (head + 1) & (starts.length - 1);
                size--;
            }
        }

        synchronized void clear() {
            for (int i = 0; i < size; i++) {
                operations[(head + i) & (starts.length - 1)] = null;
            }
            head = 0;
            size = 0;
        }

        synchronized int size() {
            return size;
        }

        private void grow() {
            long[] moreStarts = new long[starts.length * 2];
            String[] moreOperations = new String[starts.length * 2];
            for (int i = 0; i < size; i++) {
                int from = (head + i) & (starts.length - 1);
                moreStarts[i] = starts[from];
                moreOperations[i] = operations[from];
            }
            starts = moreStarts;
            operations = moreOperations;
            head = 0;
        }
    }
}
