package com.asaconsole.shell;

import java.sql.SQLException;
import java.util.Set;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

/**
 * The database is closed, unreachable or not the console's (no tables): every request that needs
 * it is answered 503 with the reason, as readiness says ({@link DatabaseHealth}), instead of a 500
 * per request while the console looks alive.
 */
final class DatabaseTrouble {

    /** H2's codes for "the database was closed" (by an OutOfMemoryError, a disk error or SHUTDOWN). */
    static final Set<Integer> H2_CLOSED = Set.of(90098, 90121, 90067, 90135);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DatabaseTrouble.class);

    private DatabaseTrouble() {
    }

    static String sentence(Throwable e) {
        SQLException sql = sqlCause(e);
        if (sql != null && H2_CLOSED.contains(sql.getErrorCode())) {
            return "The embedded database was closed (H2 closes it after an OutOfMemoryError or a disk error). Restart the console; "
                    + "nothing acknowledged was lost.";
        }
        String state = sql == null ? null : sql.getSQLState();
        if (state != null && (state.equals("42S02") || state.equals("42P01") || state.startsWith("42S0"))) {
            return "The database answers but holds none of the console's tables: it is not the console's database, or it was "
                    + "replaced. Check spring.datasource.url and restart the console.";
        }
        if (state != null && state.startsWith("08")) {
            return "The console cannot reach its database (SQL state " + state + "). Check that the database runs and is reachable.";
        }
        if (e instanceof CannotCreateTransactionException) {
            // the pool gave no connection (its wait ran out, it was closed, or the driver refused for another reason)
            return "The console cannot get a connection to its database" + (state == null ? "" : " (SQL state " + state + ")")
                    + ". Check that the database runs and is reachable; the embedded one is closed after an OutOfMemoryError or a "
                    + "disk error, and a restart of the console opens it again.";
        }
        return "The database does not answer as it should" + (state == null ? "" : " (SQL state " + state + ")") + ".";
    }

    /**
     * Whether this failure means the database itself is unusable, not this one request. A
     * transaction that cannot begin (no connection) counts: which of the two Spring throws depends
     * on whether the request opens a transaction before its first query.
     */
    static boolean unusable(RuntimeException e) {
        if (e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof CannotCreateTransactionException) {
            return true;
        }
        SQLException sql = sqlCause(e);
        if (sql == null) {
            return false;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return H2_CLOSED.contains(sql.getErrorCode()) || state.startsWith("08")
                || (e instanceof BadSqlGrammarException || e instanceof UncategorizedSQLException)
                        && (state.startsWith("42S0") || state.equals("42P01"));
    }

    /**
     * The most telling SQL exception in the chain: one that says the database was closed, else one with a
     * SQL state, else the first. The pool's own "no connection available" (no state, no code) wraps the
     * driver's reason, which is the one worth a sentence.
     */
    private static SQLException sqlCause(Throwable e) {
        SQLException first = null;
        SQLException withState = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                if (H2_CLOSED.contains(sql.getErrorCode())) {
                    return sql;
                }
                first = first == null ? sql : first;
                withState = withState == null && sql.getSQLState() != null ? sql : withState;
            }
        }
        return withState != null ? withState : first;
    }


    /**
     * What the operator needs beside the sentence: each exception of the chain by class, with SQL state and code. No
     * messages: a driver's message may quote a statement, and nothing a user entered belongs in the log.
     */
    static void log(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof SQLException sql) {
                chain.append(" (SQL state ").append(sql.getSQLState()).append(", code ").append(sql.getErrorCode()).append(')');
            }
        }
        LOG.warn("A request was answered 503, the database not usable: {}", chain);
    }

    @RestControllerAdvice(annotations = RestController.class)
    static class Api {

        @ExceptionHandler({ DataAccessException.class, CannotCreateTransactionException.class })
        Object unusable(RuntimeException e) {
            if (!DatabaseTrouble.unusable(e)) {
                throw e;
            }
            log(e);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, sentence(e));
            problem.setTitle("Database not usable");
            return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
        }
    }

    @ControllerAdvice
    static class Pages {

        @ExceptionHandler({ DataAccessException.class, CannotCreateTransactionException.class })
        ModelAndView unusable(RuntimeException e) {
            if (!DatabaseTrouble.unusable(e)) {
                throw e;
            }
            log(e);
            ModelAndView page = new ModelAndView("error", HttpStatus.SERVICE_UNAVAILABLE);
            page.addObject("problem", sentence(e));
            return page;
        }
    }
}
