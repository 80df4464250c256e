package io.remora.it.instrument.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Jedis against the test's redis-server, an exact number of times, every key under a prefix of its
 * own (the JDKs' runs share the server): through {@code Jedis}, {@value #SETS} SETs, {@value #GETS}
 * GETs, {@value #HSETS} HSETs and one HGETALL, one INCR of a value that is no integer and one
 * command the server does not know (both answered with an error), a pipeline of {@value #LPUSHES}
 * LPUSHes and one LLEN, a transaction (MULTI, SET, INCR, EXEC); through {@code JedisPooled},
 * {@value #POOLED_GETS} GETs and one DEL; and {@value #REFUSED} GETs to a closed port. Arguments:
 * the gate file, the server's port, the key prefix. Prints what it saw.
 */
public final class JedisApp {

    public static final int SETS = 5;
    public static final int GETS = 7;
    public static final int HSETS = 2;
    public static final int LPUSHES = 3;
    public static final int POOLED_GETS = 2;
    public static final int REFUSED = 2;

    private JedisApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String prefix = args[2] + ":";
        int closedPort = JavaNetHttpClientApp.closedPort();
        Gate.await(args[0]);
        StringBuilder saw = new StringBuilder();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            int set = 0;
            for (int i = 0; i < SETS; i++) {
                set += "OK".equals(jedis.set(prefix + "k" + i, "v" + i)) ? 1 : 0;
            }
            int found = 0;
            for (int i = 0; i < GETS; i++) {
                found += jedis.get(prefix + "k" + (i % (SETS + 1))) != null ? 1 : 0;
            }
            for (int i = 0; i < HSETS; i++) {
                jedis.hset(prefix + "h", "f" + i, "v" + i);
            }
            saw.append("set ").append(set).append(" found ").append(found)
                    .append(" hash ").append(jedis.hgetAll(prefix + "h").size());
            try {
                jedis.incr(prefix + "k0");
            } catch (JedisDataException expected) {
                saw.append(" incr ").append(expected.getClass().getName());
            }
            try {
                jedis.sendCommand(() -> "NOSUCHCOMMAND".getBytes(StandardCharsets.US_ASCII), prefix + "x");
            } catch (JedisDataException expected) {
                saw.append(" unknown ").append(expected.getClass().getName());
            }
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < LPUSHES; i++) {
                pipeline.lpush(prefix + "l", "e" + i);
            }
            Response<Long> length = pipeline.llen(prefix + "l");
            pipeline.sync();
            saw.append(" listed ").append(length.get());
            Transaction transaction = jedis.multi();
            transaction.set(prefix + "t", "1");
            transaction.incr(prefix + "t");
            List<Object> results = transaction.exec();
            saw.append(" exec ").append(results);
        }
        try (JedisPooled pooled = new JedisPooled("127.0.0.1", port)) {
            int found = 0;
            for (int i = 0; i < POOLED_GETS; i++) {
                found += pooled.get(prefix + "k1") != null ? 1 : 0;
            }
            saw.append(" pooled ").append(found).append(" deleted ").append(pooled.del(prefix + "h"));
        }
        int refused = 0;
        String caught = "";
        for (int i = 0; i < REFUSED; i++) {
            try (Jedis jedis = new Jedis("127.0.0.1", closedPort)) {
                jedis.get(prefix + "k0");
            } catch (JedisConnectionException expected) {
                refused++;
                caught = expected.getClass().getName();
            }
        }
        saw.append(" refused ").append(refused).append(' ').append(caught);
        System.out.println(saw);
    }
}
