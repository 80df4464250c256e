package io.remora.bootstrap.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SqlVerbsTest {

    @Test
    void theFirstKeywordInAnyCaseIsTheVerb() {
        assertEquals("SELECT", SqlVerbs.of("SELECT * FROM users WHERE id = ?"));
        assertEquals("INSERT", SqlVerbs.of("insert into users values (1, 'a')"));
        assertEquals("UPDATE", SqlVerbs.of("Update users set name = ?"));
        assertEquals("DELETE", SqlVerbs.of("delete from users"));
        assertEquals("MERGE", SqlVerbs.of("MERGE INTO users KEY (id) VALUES (?, ?)"));
        assertEquals("CREATE", SqlVerbs.of("create table t (id int)"));
        assertEquals("DROP", SqlVerbs.of("DROP TABLE t"));
        assertEquals("ALTER", SqlVerbs.of("alter table t add column c int"));
        assertEquals("WITH", SqlVerbs.of("WITH x AS (SELECT 1) SELECT * FROM x"));
    }

    @Test
    void blanksCommentsParenthesesAndCallEscapesBeforeTheKeywordAreSkipped() {
        assertEquals("SELECT", SqlVerbs.of("  \n\tSELECT 1"));
        assertEquals("SELECT", SqlVerbs.of("-- the user\n  /* by id */ SELECT 1"));
        assertEquals("SELECT", SqlVerbs.of("(SELECT 1) UNION (SELECT 2)"));
        assertEquals("CALL", SqlVerbs.of("{call refresh(?)}"));
        assertEquals("CALL", SqlVerbs.of("{ ? = call next_id(?) }"));
        assertEquals("CALL", SqlVerbs.of("{?=CALL next_id(?)}"));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals("_OTHER", SqlVerbs.of("FROBNICATE the database"));
        assertEquals("_OTHER", SqlVerbs.of("SELECTED"), "a keyword must end where the verb ends");
        assertEquals("_OTHER", SqlVerbs.of("SELEC"));
        assertEquals("_OTHER", SqlVerbs.of("'SELECT'"));
        assertEquals("_OTHER", SqlVerbs.of(""));
        assertEquals("_OTHER", SqlVerbs.of("/* never closed SELECT"));
        assertEquals("_OTHER", SqlVerbs.of(null));
    }

    @Test
    void verbsAreConstantsNeverPartsOfTheSql() {
        String sql = new String("select 1");
        assertSame(SqlVerbs.of("SELECT 2"), SqlVerbs.of(sql));
    }

    @Test
    void aBatchOfOneKnownVerbIsNamedAfterIt() {
        assertEquals("BATCH INSERT", SqlVerbs.batchOf(SqlVerbs.of("insert into t values (?)")));
        assertSame(SqlVerbs.batchOf(SqlVerbs.of("INSERT")), SqlVerbs.batchOf(SqlVerbs.of("insert")));
        assertEquals("BATCH", SqlVerbs.batchOf(null));
        assertEquals("BATCH", SqlVerbs.batchOf(SqlVerbs.OTHER));
        assertEquals("BATCH", SqlVerbs.batchOf(new String("INSERT")), "only the verbs' own instances");
    }
}
