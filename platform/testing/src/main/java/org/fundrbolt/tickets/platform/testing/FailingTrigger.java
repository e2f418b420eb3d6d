package org.fundrbolt.tickets.platform.testing;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * A fault injected into a service's own database: every write to {@code table} that matches {@code when}
 * fails with SQLSTATE 57P01 ("terminating connection due to administrator command"), which is what a
 * consumer sees while PostgreSQL restarts. Closing it drops the trigger, as if the database came back.
 */
public final class FailingTrigger implements AutoCloseable {

    private final Consumer<String> sql;
    private final String name;
    private final String table;

    private FailingTrigger(Consumer<String> sql, String name, String table) {
        this.sql = sql;
        this.name = name;
        this.table = table;
    }

    /**
     * Installs the trigger on inserts and updates of {@code table} whose new row matches {@code when}
     * (an SQL condition over {@code NEW}, e.g. {@code NEW.purchase_id = '…'}); {@code sql} runs a statement.
     */
    public static FailingTrigger on(Consumer<String> sql, String table, String when) {
        String name = "test_blink_" + UUID.randomUUID().toString().replace("-", "");
        sql.accept("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01'; "
                + "END $$");
        sql.accept("CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW WHEN (" + when
                + ") EXECUTE FUNCTION " + name + "()");
        return new FailingTrigger(sql, name, table);
    }

    @Override
    public void close() {
        sql.accept("DROP TRIGGER IF EXISTS " + name + " ON " + table);
        sql.accept("DROP FUNCTION IF EXISTS " + name + "()");
    }
}
