package io.remora.bootstrap.jdbc;

import java.util.Locale;

/**
 * {@code db_system_name} from a JDBC URL's sub-protocols: {@code jdbc:postgresql://...} is
 * {@code postgresql}. The leading sub-protocols are tried in order, so that a wrapping driver's
 * ({@code jdbc:p6spy:mysql:}, {@code jdbc:jtds:sqlserver:}) names the database it wraps; anything
 * else is {@link #OTHER_SQL}, as in the OpenTelemetry conventions. Parsed once per statement class
 * (see {@link JdbcHooks}), never per call.
 */
public final class DbSystems {

    public static final String OTHER_SQL = "other_sql";

    private static final String[] SUBPROTOCOLS = {
        "h2", "postgresql", "pgsql", "mysql", "mariadb", "oracle", "sqlserver", "sqlite", "hsqldb", "derby", "db2"
    };
    /** The values of OpenTelemetry's {@code db.system.name}, the attribute the label is named after. */
    private static final String[] SYSTEMS = {
        "h2database", "postgresql", "postgresql", "mysql", "mariadb", "oracle.db", "microsoft.sql_server", "sqlite",
        "hsqldb", "derby", "ibm.db2"
    };

    private DbSystems() {
    }

    public static String fromUrl(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return OTHER_SQL;
        }
        int start = 5;
        while (start < url.length()) {
            int end = url.indexOf(':', start);
            if (end < 0 || !isName(url, start, end)) {
                return OTHER_SQL;
            }
            String subprotocol = url.substring(start, end).toLowerCase(Locale.ROOT);
            for (int i = 0; i < SUBPROTOCOLS.length; i++) {
                if (SUBPROTOCOLS[i].equals(subprotocol)) {
                    return SYSTEMS[i];
                }
            }
            start = end + 1;
        }
        return OTHER_SQL;
    }

    /** A sub-protocol is letters and digits; a host, path or option ends the search. */
    private static boolean isName(String url, int start, int end) {
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isLetterOrDigit(url.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
