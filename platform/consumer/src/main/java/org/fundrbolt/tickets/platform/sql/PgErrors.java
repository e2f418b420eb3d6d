package org.fundrbolt.tickets.platform.sql;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Recognises the PostgreSQL failures that are answers rather than bugs (every service's repositories use it). */
public final class PgErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private PgErrors() {
    }

    /** A unique index said no, and it is {@code constraint} (an index's name for a unique index). */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && constraint.equals(pg.getConstraint());
    }

    /**
     * The database went away under a statement (the connection closed or timed out, the server is shutting
     * down or refuses connections): the statement's outcome is unknown, and for a COMMIT so is the
     * transaction's. Errors the server answered about the statement itself are not this.
     */
    public static boolean isConnectionLost(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState();
            // 08: connection exception; 57P: the server is shutting down or was told to end the session.
            return state != null && (state.startsWith("08") || state.startsWith("57P"));
        }
        return failure instanceof ClosedConnectionException || failure instanceof IOException
                || failure instanceof TimeoutException;
    }

    /**
     * The server gave up a statement at the transaction's own {@code lock_timeout} or {@code statement_timeout}:
     * a definite answer (the server rolls the transaction back, nothing of it was written), not a lost connection.
     */
    public static boolean isTimedOut(Throwable failure) {
        return failure instanceof PgException pg
                && (LOCK_NOT_AVAILABLE.equals(pg.getSqlState()) || QUERY_CANCELED.equals(pg.getSqlState()));
    }
}
