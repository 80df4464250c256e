package io.remora.it.instrument.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * A HikariCP pool without a metrics tracker: one connection borrowed, used for {@value #USE_MS} ms and
 * given back {@value #USED} times, then the pool exhausted: every connection borrowed and held, then
 * one more asked for, which times out. It exits holding them, so the figures at exit are those of a
 * full pool.
 */
public final class HikariApp {

    public static final String POOL = "orders-pool";
    public static final int MAX = 3;
    public static final int MIN_IDLE = 1;
    public static final int USED = 4;
    public static final long USE_MS = 20;
    public static final long TIMEOUT_MS = 250;

    private HikariApp() {
    }

    public static void main(String[] args) throws SQLException, InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL);
        config.setJdbcUrl("jdbc:h2:mem:hikari;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(MAX);
        config.setMinimumIdle(MIN_IDLE);
        config.setConnectionTimeout(TIMEOUT_MS);
        HikariDataSource dataSource = new HikariDataSource(config);
        for (int i = 0; i < USED; i++) {
            try (Connection used = dataSource.getConnection()) {
                Thread.sleep(USE_MS);
            }
        }
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            held.add(dataSource.getConnection());
        }
        try {
            dataSource.getConnection();
            System.out.println("a fourth connection?");
        } catch (SQLTransientConnectionException e) {
            System.out.println("timed out");
        }
        System.out.println("holding " + held.size());
    }
}
