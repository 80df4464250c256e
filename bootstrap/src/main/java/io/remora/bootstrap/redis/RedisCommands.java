package io.remora.bootstrap.redis;

import java.nio.charset.StandardCharsets;

/**
 * {@code db_operation_name} of a Redis command: its name in upper case when it is one of the
 * commands of a fixed table (Redis 7's top-level commands and those Jedis 7 knows, a subcommand
 * such as {@code CLIENT SETNAME} counted as {@code CLIENT}), {@link #OTHER} for any other name (a
 * module's, a misspelt one), so neither a client nor a server can grow the label's cardinality.
 * Keys and values are never looked at. Looked up from the command's bytes as the client sends them,
 * in any case, without allocating: an open-addressing table keyed by a hash of the upper-cased bytes.
 * Returns the same String instances every time.
 */
public final class RedisCommands {

    public static final String OTHER = "_OTHER";

    static final String[] KNOWN = {
        "ACL", "APPEND", "ASKING", "AUTH", "BGREWRITEAOF", "BGSAVE", "BITCOUNT", "BITFIELD", "BITFIELD_RO", "BITOP",
        "BITPOS", "BLMOVE", "BLMPOP", "BLPOP", "BRPOP", "BRPOPLPUSH", "BZMPOP", "BZPOPMAX", "BZPOPMIN", "CLIENT",
        "CLUSTER", "COMMAND", "CONFIG", "COPY", "DBSIZE", "DEBUG", "DECR", "DECRBY", "DEL", "DELEX",
        "DIGEST", "DISCARD", "DUMP", "ECHO", "EVAL", "EVALSHA", "EVALSHA_RO", "EVAL_RO", "EXEC", "EXISTS",
        "EXPIRE", "EXPIREAT", "EXPIRETIME", "FAILOVER", "FCALL", "FCALL_RO", "FLUSHALL", "FLUSHDB", "FUNCTION", "GEOADD",
        "GEODIST", "GEOHASH", "GEOPOS", "GEORADIUS", "GEORADIUSBYMEMBER", "GEORADIUSBYMEMBER_RO", "GEORADIUS_RO", "GEOSEARCH", "GEOSEARCHSTORE", "GET",
        "GETBIT", "GETDEL", "GETEX", "GETRANGE", "GETSET", "HDEL", "HELLO", "HEXISTS", "HEXPIRE", "HEXPIREAT",
        "HEXPIRETIME", "HGET", "HGETALL", "HGETDEL", "HGETEX", "HINCRBY", "HINCRBYFLOAT", "HKEYS", "HLEN", "HMGET",
        "HMSET", "HPERSIST", "HPEXPIRE", "HPEXPIREAT", "HPEXPIRETIME", "HPTTL", "HRANDFIELD", "HSCAN", "HSET", "HSETEX",
        "HSETNX", "HSTRLEN", "HTTL", "HVALS", "INCR", "INCRBY", "INCRBYFLOAT", "INFO", "KEYS", "LASTSAVE",
        "LATENCY", "LCS", "LINDEX", "LINSERT", "LLEN", "LMOVE", "LMPOP", "LOLWUT", "LPOP", "LPOS",
        "LPUSH", "LPUSHX", "LRANGE", "LREM", "LSET", "LTRIM", "MEMORY", "MGET", "MIGRATE", "MODULE",
        "MONITOR", "MOVE", "MSET", "MSETEX", "MSETNX", "MULTI", "OBJECT", "PERSIST", "PEXPIRE", "PEXPIREAT",
        "PEXPIRETIME", "PFADD", "PFCOUNT", "PFDEBUG", "PFMERGE", "PFSELFTEST", "PING", "PSETEX", "PSUBSCRIBE", "PSYNC",
        "PTTL", "PUBLISH", "PUBSUB", "PUNSUBSCRIBE", "QUIT", "RANDOMKEY", "READONLY", "READWRITE", "RENAME", "RENAMENX",
        "REPLCONF", "REPLICAOF", "RESET", "RESTORE", "RESTORE-ASKING", "ROLE", "RPOP", "RPOPLPUSH", "RPUSH", "RPUSHX",
        "SADD", "SAVE", "SCAN", "SCARD", "SCRIPT", "SDIFF", "SDIFFSTORE", "SELECT", "SENTINEL", "SET",
        "SETBIT", "SETEX", "SETNX", "SETRANGE", "SHUTDOWN", "SINTER", "SINTERCARD", "SINTERSTORE", "SISMEMBER", "SLAVEOF",
        "SLOWLOG", "SMEMBERS", "SMISMEMBER", "SMOVE", "SORT", "SORT_RO", "SPOP", "SPUBLISH", "SRANDMEMBER", "SREM",
        "SSCAN", "SSUBSCRIBE", "STRLEN", "SUBSCRIBE", "SUBSTR", "SUNION", "SUNIONSTORE", "SUNSUBSCRIBE", "SWAPDB", "SYNC",
        "TIME", "TOUCH", "TTL", "TYPE", "UNLINK", "UNSUBSCRIBE", "UNWATCH", "VADD", "VCARD", "VDIM",
        "VEMB", "VGETATTR", "VINFO", "VLINKS", "VRANDMEMBER", "VREM", "VSETATTR", "VSIM", "WAIT", "WAITAOF",
        "WATCH", "XACK", "XACKDEL", "XADD", "XAUTOCLAIM", "XCLAIM", "XDEL", "XDELEX", "XGROUP", "XINFO",
        "XLEN", "XPENDING", "XRANGE", "XREAD", "XREADGROUP", "XREVRANGE", "XSETID", "XTRIM", "ZADD", "ZCARD",
        "ZCOUNT", "ZDIFF", "ZDIFFSTORE", "ZINCRBY", "ZINTER", "ZINTERCARD", "ZINTERSTORE", "ZLEXCOUNT", "ZMPOP", "ZMSCORE",
        "ZPOPMAX", "ZPOPMIN", "ZRANDMEMBER", "ZRANGE", "ZRANGEBYLEX", "ZRANGEBYSCORE", "ZRANGESTORE", "ZRANK", "ZREM", "ZREMRANGEBYLEX",
        "ZREMRANGEBYRANK", "ZREMRANGEBYSCORE", "ZREVRANGE", "ZREVRANGEBYLEX", "ZREVRANGEBYSCORE", "ZREVRANK", "ZSCAN", "ZSCORE", "ZUNION", "ZUNIONSTORE",
    };

    private static final int SLOTS = 1024; // a power of two, over three times the table
    private static final String[] NAMES = new String[SLOTS];
    private static final byte[][] BYTES = new byte[SLOTS][];

    static {
        for (String name : KNOWN) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(bytes) & (SLOTS - 1);
            while (NAMES[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            NAMES[slot] = name;
            BYTES[slot] = bytes;
        }
    }

    private RedisCommands() {
    }

    /** @param raw the command's name as sent ({@code get}, {@code GET}); null is {@link #OTHER} */
    public static String of(byte[] raw) {
        if (raw == null || raw.length == 0 || raw.length > 32) {
            return OTHER;
        }
        for (int slot = hash(raw) & (SLOTS - 1); NAMES[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
            if (sameIgnoringCase(BYTES[slot], raw)) {
                return NAMES[slot];
            }
        }
        return OTHER;
    }

    /** The same for a name given as a String (a command type's name). */
    public static String of(String name) {
        if (name == null || name.isEmpty() || name.length() > 32) {
            return OTHER;
        }
        byte[] raw = new byte[name.length()];
        for (int i = 0; i < raw.length; i++) {
            char c = name.charAt(i);
            if (c > 0x7f) {
                return OTHER;
            }
            raw[i] = (byte) c;
        }
        return of(raw);
    }

    private static int hash(byte[] bytes) {
        int h = 0x811c9dc5;
        for (byte b : bytes) {
            h = (h ^ upper(b)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static boolean sameIgnoringCase(byte[] upperCase, byte[] raw) {
        if (upperCase.length != raw.length) {
            return false;
        }
        for (int i = 0; i < raw.length; i++) {
            if (upperCase[i] != upper(raw[i])) {
                return false;
            }
        }
        return true;
    }

    private static int upper(byte b) {
        return b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b;
    }
}
