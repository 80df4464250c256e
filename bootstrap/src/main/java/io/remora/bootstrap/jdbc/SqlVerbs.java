package io.remora.bootstrap.jdbc;

/**
 * {@code db_operation_name}: the SQL statement's first keyword, upper case, from a fixed list, or
 * {@link #OTHER}; never any other part of the SQL. Leading blanks, comments, parentheses and the
 * JDBC escape {@code {? = call ...}} are skipped. Returns the same String instances every time and
 * allocates nothing, since plain statements are parsed on every call.
 */
public final class SqlVerbs {

    public static final String OTHER = "_OTHER";
    /** A batch whose statements' verbs are not known (a plain Statement's addBatch(sql) calls). */
    public static final String BATCH = "BATCH";

    private static final String[] VERBS = {
        "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "WITH", "VALUES", "CALL", "EXEC",
        "EXECUTE", "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "COMMENT", "GRANT", "REVOKE", "SET", "SHOW",
        "EXPLAIN", "DESCRIBE", "ANALYZE", "USE", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE",
        "LOCK", "DECLARE", "COPY", "LOAD", "PRAGMA", "VACUUM"
    };
    /** "BATCH INSERT" and so on, as the OpenTelemetry conventions name a batch of one operation. */
    private static final String[] BATCH_VERBS = new String[VERBS.length];
    private static final int LONGEST;

    static {
        int longest = 0;
        for (int i = 0; i < VERBS.length; i++) {
            BATCH_VERBS[i] = BATCH + " " + VERBS[i];
            longest = Math.max(longest, VERBS[i].length());
        }
        LONGEST = longest;
    }

    private SqlVerbs() {
    }

    /** The first keyword of {@code sql} if it is a known one (any case), else {@link #OTHER}. */
    public static String of(String sql) {
        if (sql == null) {
            return OTHER;
        }
        int start = keywordStart(sql);
        int end = start;
        while (end < sql.length() && end - start <= LONGEST && isAsciiLetter(sql.charAt(end))) {
            end++;
        }
        int length = end - start;
        for (String verb : VERBS) {
            if (verb.length() == length && sql.regionMatches(true, start, verb, 0, length)) {
                return verb;
            }
        }
        return OTHER;
    }

    /** {@code BATCH <verb>} for a batch of one prepared statement whose verb is known, else {@link #BATCH}. */
    public static String batchOf(String verb) {
        for (int i = 0; i < VERBS.length; i++) {
            if (VERBS[i] == verb) {
                return BATCH_VERBS[i];
            }
        }
        return BATCH;
    }

    /** Index of the first character that is not a blank, a comment, '(', '{' or the '?=' of a call escape. */
    private static int keywordStart(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (Character.isWhitespace(c) || c == '(' || c == '{' || c == '?' || c == '=') {
                i++;
            } else {
                return i;
            }
        }
        return n;
    }

    private static boolean isAsciiLetter(char c) {
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'z';
    }
}
