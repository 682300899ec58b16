package dev.bigocean.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Direct SQL against the test database, for assertions on what was stored and for arranging clock-dependent state. */
public final class Sql {

    private Sql() {
    }

    /** The test PostgreSQL's database {@code name}, as the user {@code postgres} (its default database when null). */
    public static DataSource database(String name) {
        return name == null ? InfrastructureResource.postgres().getPostgresDatabase()
                : InfrastructureResource.postgres().getDatabase("postgres", name);
    }

    public static List<List<Object>> query(String sql, Object... params) {
        return queryIn(null, sql, params);
    }

    /** As {@link #query}, in the database {@code database} (see {@link #database(String)}). */
    public static List<List<Object>> queryIn(String database, String sql, Object... params) {
        try (Connection c = database(database).getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Object single(String sql, Object... params) {
        List<List<Object>> rows = query(sql, params);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public static int update(String sql, Object... params) {
        return updateIn(null, sql, params);
    }

    /** As {@link #update}, in the database {@code database} (see {@link #database(String)}). */
    public static int updateIn(String database, String sql, Object... params) {
        try (Connection c = database(database).getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a script of several statements in one transaction, as Flyway runs a migration. */
    public static void script(String sql) {
        try (Connection c = database(null).getConnection()) {
            c.setAutoCommit(false);
            try (Statement statement = c.createStatement()) {
                statement.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
