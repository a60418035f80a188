package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import nl.learningcommunities.registration.StorageException;

/**
 * The adapter's tables, created and upgraded by Flyway from the dialect's scripts, with a history table of their own
 * beside any tables of the host.
 *
 * <p>Thread-safe: each call configures Flyway anew; Flyway itself serialises concurrent migrations of one schema.
 */
final class Migrations {

    static final String DEFAULT_PREFIX = "lcr_";
    static final String LEGACY_HISTORY = "registration_schema_history";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Tables tables;
    private final String prefix;
    private final Optional<String> schema;
    private final Optional<String> historyTable;

    Migrations(DataSource dataSource, Dialect dialect, Tables tables, String prefix, Optional<String> schema,
               Optional<String> historyTable) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.tables = tables;
        this.prefix = prefix;
        this.schema = schema;
        this.historyTable = historyTable;
    }

    /**
     * @param version the version to stop at, or null for the latest
     * @throws StorageException when the database or Flyway refuses
     */
    MigrateResult migrateTo(String version) {
        String history = historyTable();
        var configuration = Flyway.configure(JdbcStorage.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:nl/learningcommunities/registration/jdbc/migration/" + dialect.migrations)
                .table(history)
                .placeholders(Map.of("t", schema.map(s -> s + ".").orElse("") + prefix, "n", prefix))
                .baselineOnMigrate(true)
                .baselineVersion("0");
        // Flyway quotes the schema it creates; H2 folds our unquoted references to upper case.
        schema.map(s -> dialect == Dialect.H2 ? s.toUpperCase(Locale.ROOT) : s).ifPresent(configuration::schemas);
        if (version != null) {
            configuration.target(version);
        }
        try {
            return configuration.load().migrate();
        } catch (RuntimeException e) {
            throw new StorageException("migrating the registration tables failed: " + e.getMessage(), e);
        }
    }

    /**
     * The history table: the one the host named; else {@value #LEGACY_HISTORY} for the default prefix, and
     * {@code <prefix>schema_history} for any other, so that two prefixes in one schema never share one. An
     * installation made before that rule, with another prefix and the shared name, keeps its table. A history table
     * that records migrations while this prefix has no tables belongs to other tables: that is refused clearly.
     *
     * @throws StorageException when the history table belongs to the tables of another prefix
     */
    String historyTable() {
        String history = historyTable.orElse(null);
        if (history == null) {
            history = prefix.equals(DEFAULT_PREFIX) ? LEGACY_HISTORY : prefix + "schema_history";
            if (!exists(qualified(history)) && exists(qualified(LEGACY_HISTORY)) && exists(tables.events)) {
                history = LEGACY_HISTORY;
            }
        }
        if (!exists(tables.events) && exists(qualified(history)) && hasRows(qualified(history))) {
            throw new StorageException("the migration history table " + history + " already records the tables of"
                    + " another table prefix, and the tables of prefix " + prefix + " do not exist: give this prefix"
                    + " a history table of its own with JdbcStorage.Builder.historyTable(...)", null);
        }
        return history;
    }

    private boolean exists(String table) {
        return probe("SELECT 1 FROM " + table + " WHERE 1 = 0");
    }

    private boolean hasRows(String table) {
        String q = dialect == Dialect.H2 ? "\"" : "";  // Flyway quotes the columns it creates on H2
        return probe("SELECT 1 FROM " + table + " WHERE " + q + "success" + q + " = TRUE AND " + q + "version" + q
                + " IS NOT NULL AND " + q + "version" + q + " <> '0'");
    }

    /** Flyway's history table, quoted as Flyway creates it, in the adapter's schema. */
    private String qualified(String table) {
        String quoted = dialect == Dialect.MARIADB ? "`" + table + "`" : "\"" + table + "\"";
        return schema.map(s -> (dialect == Dialect.H2 ? "\"" + s.toUpperCase(Locale.ROOT) + "\""
                : dialect == Dialect.MARIADB ? "`" + s + "`" : "\"" + s + "\"") + ".").orElse("") + quoted;
    }

    /** @return whether the query ran and found a row (or, for {@code WHERE 1 = 0}, ran at all) */
    private boolean probe(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return sql.endsWith("1 = 0") || rs.next();
        } catch (SQLException e) {
            return false;
        }
    }
}
