package io.remora.it.instrument.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * H2 over JDBC with an exact number of operations, first straight on the driver, then through a
 * HikariCP pool (whose statements delegate to the driver's). Prints what it saw, one line per part.
 *
 * <p>Straight: CREATE 1; plain INSERT {@value #PLAIN_INSERTS}; plain SELECT {@value #PLAIN_SELECTS};
 * a plain batch (BATCH 1); a failing SELECT {@value #FAILED_SELECTS} times; a prepared INSERT run
 * {@value #PREPARED_INSERTS} times; a prepared SELECT run {@value #PREPARED_SELECTS} times; a prepared
 * batch of 3 rows (BATCH INSERT 1); a callable statement run {@value #CALLS} times (CALL).
 * Pooled: CREATE 1; a prepared MERGE {@value #POOLED_MERGES} times, each on a connection of its own;
 * a plain DELETE {@value #POOLED_DELETES} times; a failing UPDATE once.
 */
public final class JdbcApp {

    public static final int PLAIN_INSERTS = 3;
    public static final int PLAIN_SELECTS = 2;
    public static final int FAILED_SELECTS = 2;
    public static final int PREPARED_INSERTS = 5;
    public static final int PREPARED_SELECTS = 4;
    public static final int CALLS = 2;
    public static final int POOLED_MERGES = 6;
    public static final int POOLED_DELETES = 3;

    private JdbcApp() {
    }

    public static void main(String[] args) throws Exception {
        Gate.await(args[0]);
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:straight;DB_CLOSE_DELAY=-1")) {
            straight(connection);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pooled;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            pooled(pool);
        }
    }

    private static void straight(Connection connection) throws SQLException {
        int rows = 0;
        String failure;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
            for (int i = 0; i < PLAIN_INSERTS; i++) {
                rows += statement.executeUpdate("INSERT INTO item VALUES (" + i + ", 'plain')");
            }
            for (int i = 0; i < PLAIN_SELECTS; i++) {
                try (ResultSet result = statement.executeQuery("select count(*) from item")) {
                    result.next();
                }
            }
            statement.addBatch("UPDATE item SET name = 'batched' WHERE id = 0");
            statement.addBatch("DELETE FROM item WHERE id = 1");
            statement.executeBatch();
            failure = failures(statement, "SELECT * FROM missing", FAILED_SELECTS);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
            for (int i = 0; i < PREPARED_INSERTS; i++) {
                insert.setInt(1, 100 + i);
                insert.setString(2, "prepared");
                rows += insert.executeUpdate();
            }
        }
        int found = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM item WHERE id = ?")) {
            for (int i = 0; i < PREPARED_SELECTS; i++) {
                select.setInt(1, 100 + i);
                try (ResultSet result = select.executeQuery()) {
                    found += result.next() ? 1 : 0;
                }
            }
        }
        try (PreparedStatement batch = connection.prepareStatement("insert into item values (?, ?)")) {
            for (int i = 0; i < 3; i++) {
                batch.setInt(1, 200 + i);
                batch.setString(2, "batch");
                batch.addBatch();
            }
            rows += batch.executeBatch().length;
        }
        try (CallableStatement call = connection.prepareCall("{call ABS(?)}")) {
            for (int i = 0; i < CALLS; i++) {
                call.setInt(1, -i);
                call.execute();
            }
        }
        System.out.println("straight rows " + rows + " found " + found + " failed " + failure);
    }

    private static void pooled(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pooled (id INT PRIMARY KEY, name VARCHAR(20))");
        }
        int merged = 0;
        for (int i = 0; i < POOLED_MERGES; i++) {
            try (Connection connection = pool.getConnection();
                    PreparedStatement merge = connection.prepareStatement("MERGE INTO pooled KEY (id) VALUES (?, ?)")) {
                merge.setInt(1, i);
                merge.setString(2, "merged");
                merged += merge.executeUpdate();
            }
        }
        int deleted = 0;
        String failure;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < POOLED_DELETES; i++) {
                deleted += statement.executeUpdate("DELETE FROM pooled WHERE id = " + i);
            }
            failure = failures(statement, "UPDATE missing SET name = 'x'", 1);
        }
        System.out.println("pooled merged " + merged + " deleted " + deleted + " failed " + failure);
    }

    /** Runs a failing statement {@code times} times; the class and SQL state of what the caller caught. */
    private static String failures(Statement statement, String sql, int times) {
        String seen = "nothing";
        for (int i = 0; i < times; i++) {
            try {
                statement.execute(sql);
            } catch (SQLException e) {
                seen = e.getClass().getName() + " " + e.getSQLState();
            }
        }
        return seen;
    }
}
