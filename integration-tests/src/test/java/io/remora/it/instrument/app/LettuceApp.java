package io.remora.it.instrument.app;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce against the test's redis-server, an exact number of times, every key under a prefix of
 * its own (the JDKs' runs share the server): through the synchronous API, {@value #SETS} SETs,
 * {@value #GETS} GETs, {@value #HSETS} HSETs and one HGETALL, one INCR of a value that is no
 * integer and one command the server does not know (both answered with an error), a transaction
 * (MULTI, SET, INCR, EXEC); through the asynchronous API {@value #LPUSHES} LPUSHes and one LLEN at
 * once; through the reactive API {@value #REACTIVE_GETS} GETs, one DEL and one INCR of the value that is no integer; on a connection with a
 * timeout of {@value #TIMEOUT_MS} ms, one BLPOP of an empty list that times out; one GET on a closed
 * connection. Arguments: the gate
 * file, the server's port, the key prefix. Prints what it saw.
 */
public final class LettuceApp {

    public static final int SETS = 5;
    public static final int GETS = 7;
    public static final int HSETS = 2;
    public static final int LPUSHES = 3;
    public static final int REACTIVE_GETS = 2;
    /** The timeout of the connection on which a BLPOP waits for ever. */
    public static final int TIMEOUT_MS = 300;

    /** A command the server does not know. */
    enum Unknown implements ProtocolKeyword {
        NOSUCHCOMMAND;

        @Override
        public byte[] getBytes() {
            return name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private LettuceApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String prefix = args[2] + ":";
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        StringBuilder saw = new StringBuilder();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            Gate.await(args[0]);
            RedisCommands<String, String> sync = connection.sync();
            int set = 0;
            for (int i = 0; i < SETS; i++) {
                set += "OK".equals(sync.set(prefix + "k" + i, "v" + i)) ? 1 : 0;
            }
            int found = 0;
            for (int i = 0; i < GETS; i++) {
                found += sync.get(prefix + "k" + (i % (SETS + 1))) != null ? 1 : 0;
            }
            for (int i = 0; i < HSETS; i++) {
                sync.hset(prefix + "h", "f" + i, "v" + i);
            }
            saw.append("set ").append(set).append(" found ").append(found)
                    .append(" hash ").append(sync.hgetall(prefix + "h").size());
            try {
                sync.incr(prefix + "k0");
            } catch (RedisCommandExecutionException expected) {
                saw.append(" incr ").append(expected.getClass().getName());
            }
            try {
                sync.dispatch(Unknown.NOSUCHCOMMAND, new StatusOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8).addKey(prefix + "x"));
            } catch (RedisCommandExecutionException expected) {
                saw.append(" unknown ").append(expected.getClass().getName());
            }
            sync.multi();
            sync.set(prefix + "t", "1");
            sync.incr(prefix + "t");
            TransactionResult result = sync.exec();
            saw.append(" exec ").append(result.size()).append(' ').append((Object) result.get(1));

            RedisAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<Long>> pushes = new ArrayList<>();
            for (int i = 0; i < LPUSHES; i++) {
                pushes.add(async.lpush(prefix + "l", "e" + i));
            }
            RedisFuture<Long> length = async.llen(prefix + "l");
            LettuceFutures.awaitAll(Duration.ofSeconds(10), pushes.toArray(new RedisFuture[0]));
            saw.append(" listed ").append(length.get());

            RedisReactiveCommands<String, String> reactive = connection.reactive();
            int reactiveFound = 0;
            for (int i = 0; i < REACTIVE_GETS; i++) {
                reactiveFound += reactive.get(prefix + "k1").block(Duration.ofSeconds(10)) != null ? 1 : 0;
            }
            saw.append(" reactive ").append(reactiveFound)
                    .append(" deleted ").append(reactive.del(prefix + "h").block(Duration.ofSeconds(10)));
            try {
                reactive.incr(prefix + "k0").block(Duration.ofSeconds(10));
            } catch (RedisCommandExecutionException expected) {
                saw.append(" incr ").append(expected.getClass().getName());
            }
            try (StatefulRedisConnection<String, String> blocked = client.connect(
                    RedisURI.create("redis://127.0.0.1:" + port + "?timeout=" + TIMEOUT_MS + "ms"))) {
                blocked.sync().blpop(0, prefix + "empty");
            } catch (RedisCommandTimeoutException expected) {
                saw.append(" timeout ").append(expected.getClass().getName());
            }
            StatefulRedisConnection<String, String> closed = client.connect();
            RedisAsyncCommands<String, String> closedAsync = closed.async();
            closed.close();
            try {
                closedAsync.get(prefix + "k0").get(10, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                saw.append(" closed ").append(expected.getCause().getClass().getName());
            }
        } finally {
            client.shutdown();
        }
        System.out.println(saw);
    }
}
