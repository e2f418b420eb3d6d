package org.fundrbolt.tickets.promo.service;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL failures that are answers rather than bugs (a unique index said no). */
final class PgErrors {

    private PgErrors() {
    }

    static boolean isUniqueViolation(Throwable failure, String constraint) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && constraint.equals(pg.getConstraint());
    }
}
