package nl.learningcommunities.registration.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The databases of a run: H2 in a temporary file, and PostgreSQL and MariaDB from the test variables. */
enum Databases {
    H2("h2"), POSTGRESQL("postgresql"), MARIADB("mariadb");

    final String label;
    private String h2Url;

    Databases(String label) {
        this.label = label;
    }

    Optional<String> url() {
        return switch (this) {
            case H2 -> Optional.of(h2());
            case POSTGRESQL -> Optional.ofNullable(System.getenv("REGISTRATION_TEST_POSTGRES_URL")).filter(u -> !u.isBlank());
            case MARIADB -> Optional.ofNullable(System.getenv("REGISTRATION_TEST_MARIADB_URL")).filter(u -> !u.isBlank());
        };
    }

    private synchronized String h2() {
        if (h2Url == null) {
            try {
                Path dir = Files.createTempDirectory("registration-bench");
                h2Url = "jdbc:h2:file:" + dir.resolve("bench") + ";LOCK_TIMEOUT=30000";
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return h2Url;
    }

    HikariDataSource pool(int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url().orElseThrow());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("bench-" + label + "-" + name);
        config.setConnectionTimeout(60_000);
        return new HikariDataSource(config);
    }

    static void dropTables(HikariDataSource pool, String prefix) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            for (String pattern : List.of(prefix + "%", prefix.toUpperCase(Locale.ROOT) + "%")) {
                try (ResultSet rs = meta.getTables(c.getCatalog(), null, pattern, new String[] {"TABLE"})) {
                    while (rs.next()) {
                        if (!tables.contains(rs.getString("TABLE_NAME"))) {
                            tables.add(rs.getString("TABLE_NAME"));
                        }
                    }
                }
            }
            boolean h2 = meta.getDatabaseProductName().contains("H2");
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS " + (h2 ? "\"" + table + "\"" : table) + " CASCADE");
            }
        }
    }
}
