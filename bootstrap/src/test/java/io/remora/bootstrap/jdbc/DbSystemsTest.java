package io.remora.bootstrap.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DbSystemsTest {

    @Test
    void theSubprotocolNamesTheSystem() {
        assertEquals("h2database", DbSystems.fromUrl("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
        assertEquals("postgresql", DbSystems.fromUrl("jdbc:postgresql://db:5432/app"));
        assertEquals("postgresql", DbSystems.fromUrl("jdbc:pgsql://db/app"));
        assertEquals("mysql", DbSystems.fromUrl("jdbc:mysql://db/app?useSSL=false"));
        assertEquals("mysql", DbSystems.fromUrl("jdbc:mysql:loadbalance://a,b/app"));
        assertEquals("mariadb", DbSystems.fromUrl("jdbc:mariadb://db/app"));
        assertEquals("oracle.db", DbSystems.fromUrl("jdbc:oracle:thin:@//db:1521/XE"));
        assertEquals("microsoft.sql_server", DbSystems.fromUrl("jdbc:sqlserver://db;databaseName=app"));
        assertEquals("sqlite", DbSystems.fromUrl("jdbc:sqlite:/tmp/app.db"));
        assertEquals("hsqldb", DbSystems.fromUrl("jdbc:hsqldb:mem:app"));
        assertEquals("derby", DbSystems.fromUrl("jdbc:derby:memory:app;create=true"));
        assertEquals("ibm.db2", DbSystems.fromUrl("jdbc:db2://db:50000/app"));
        assertEquals("h2database", DbSystems.fromUrl("JDBC:H2:mem:x"));
    }

    @Test
    void aWrappingDriverNamesTheDatabaseItWraps() {
        assertEquals("mysql", DbSystems.fromUrl("jdbc:p6spy:mysql://db/app"));
        assertEquals("microsoft.sql_server", DbSystems.fromUrl("jdbc:jtds:sqlserver://db/app"));
    }

    @Test
    void anythingElseIsOtherSql() {
        assertEquals("other_sql", DbSystems.fromUrl("jdbc:snowflake://acct.snowflakecomputing.com"));
        assertEquals("other_sql", DbSystems.fromUrl("jdbc:jtds:sybase://db/app"));
        assertEquals("other_sql", DbSystems.fromUrl("jdbc:mem:test:"));
        assertEquals("other_sql", DbSystems.fromUrl("jdbc:"));
        assertEquals("other_sql", DbSystems.fromUrl("postgresql://db/app"));
        assertEquals("other_sql", DbSystems.fromUrl(null));
    }
}
