package nl.learningcommunities.registration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases the adapter speaks, and where they differ. */
enum Dialect {
    H2("h2", ""),
    POSTGRESQL("postgresql", " SKIP LOCKED"),
    MARIADB("mariadb", " SKIP LOCKED");

    final String migrations;
    final String skipLocked;

    Dialect(String migrations, String skipLocked) {
        this.migrations = migrations;
        this.skipLocked = skipLocked;
    }

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalStateException("unsupported database: " + product + " (H2, PostgreSQL and MariaDB are)");
    }
}
