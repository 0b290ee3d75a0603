package com.asaconsole.shell;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to drop a connection whose H2 database was closed (after an
 * OutOfMemoryError or a disk error), which Hikari would otherwise keep handing out forever: the
 * next connection opens the database again. Named in spring.datasource.hikari.exception-override-class-name.
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return DatabaseTrouble.H2_CLOSED.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
