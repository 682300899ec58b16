package dev.bigocean.platform;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** Reading the answer of a statement that returns at most one row. */
public final class Rows {

    private Rows() {
    }

    /** The first row, or null when the statement returned none. */
    public static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
