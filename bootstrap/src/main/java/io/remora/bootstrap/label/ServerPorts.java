package io.remora.bootstrap.label;

/**
 * {@code server_port}: the port a client asked for, or its scheme's default (80, 443) when the URL
 * names none, as text. The usual ports are constants and others are kept in a small direct-mapped
 * cache, so a client that talks to a few servers allocates nothing here after its first requests.
 */
public final class ServerPorts {

    public static final String HTTP_DEFAULT = "80";
    public static final String HTTPS_DEFAULT = "443";

    private static final int CACHE_SIZE = 256;
    /** Racy on purpose: entries are immutable, a lost write costs one more Integer.toString. */
    private static final Entry[] CACHE = new Entry[CACHE_SIZE];

    private ServerPorts() {
    }

    /**
     * @param port the URL's port, below 0 when it names none
     * @param scheme the URL's scheme, for the default port
     */
    public static String of(int port, String scheme) {
        if (port < 0) {
            return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme) ? HTTPS_DEFAULT : HTTP_DEFAULT;
        }
        if (port == 80) {
            return HTTP_DEFAULT;
        }
        if (port == 443) {
            return HTTPS_DEFAULT;
        }
        int slot = port & (CACHE_SIZE - 1);
        Entry entry = CACHE[slot];
        if (entry == null || entry.port != port) {
            entry = new Entry(port);
            CACHE[slot] = entry;
        }
        return entry.text;
    }

    private static final class Entry {
        final int port;
        final String text;

        Entry(int port) {
            this.port = port;
            this.text = Integer.toString(port);
        }
    }
}
