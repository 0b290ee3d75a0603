package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Which failures mean "the database is unusable" (503 with a sentence) and which are one request's
 * own trouble. The closed database reaches a page in two shapes, depending on whether the request
 * opens a transaction before its first query: CI met the second one ({@link DatabaseClosedTest}
 * met the first).
 */
class DatabaseTroubleTest {

    /** H2's ErrorCode.DATABASE_IS_CLOSED. */
    static final SQLException CLOSED = new SQLException("Database is already closed", "90098", 90098);

    @Test
    void aTransactionThatCannotBeginOnAClosedDatabaseIsA503WithTheReason() {
        CannotCreateTransactionException e = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                CLOSED);
        assertThat(DatabaseTrouble.unusable(e)).isTrue();

        ModelAndView page = new DatabaseTrouble.Pages().unusable(e);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat((String) page.getModel().get("problem")).contains("was closed").doesNotContain("90098");
    }

    @Test
    void thePoolsOwnTimeoutIsLookedThroughToTheDriversReason() {
        // what the full run met: the pool's exception (no state, no code) wraps H2's "already closed"
        java.sql.SQLTransientConnectionException pool = new java.sql.SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available", null, 0, new SQLException("Database is already closed", "90121", 90121));
        CannotCreateTransactionException e = new CannotCreateTransactionException("Could not open JDBC Connection for transaction", pool);
        assertThat(DatabaseTrouble.sentence(e)).contains("was closed");
    }

    @Test
    void aTransactionWithoutAnyReasonSaysTheConsoleGotNoConnection() {
        CannotCreateTransactionException e = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLException("HikariPool-1 - Connection is not available, request timed out after 30000ms"));
        assertThat(DatabaseTrouble.unusable(e)).isTrue();
        assertThat(DatabaseTrouble.sentence(e)).startsWith("The console cannot get a connection to its database.");
        CannotCreateTransactionException notFound = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLException("Database not found", "90146", 90146));
        assertThat(DatabaseTrouble.sentence(notFound)).startsWith("The console cannot get a connection to its database (SQL state 90146).");
    }

    @Test
    void aConstraintViolationIsTheRequestsOwnTroubleNotTheDatabases() {
        DataIntegrityViolationException e = new DataIntegrityViolationException("duplicate",
                new SQLException("Unique index violation", "23505", 23505));
        assertThat(DatabaseTrouble.unusable(e)).isFalse();
    }
}
