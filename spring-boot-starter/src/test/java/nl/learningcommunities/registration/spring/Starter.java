package nl.learningcommunities.registration.spring;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The starter as a host application meets it: Spring Boot's own DataSource on a fresh in-memory H2 database, the
 * starter's three auto-configurations, and the two properties that e-mail needs.
 */
final class Starter {

    static final String BASE_URL = "https://intranet.example.nl/registratie";
    static final String FROM = "aanmelden@intranet.example.nl";

    private Starter() {
    }

    /** @return the address of a new, empty in-memory database that outlives its connections */
    static String newDatabase() {
        return "jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /**
     * @param database the database's address
     * @return a DataSource, the starter, and nothing else: no {@code registration.*} property is set
     */
    static ApplicationContextRunner bare(String database) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        RegistrationAutoConfiguration.class, RegistrationMetricsAutoConfiguration.class,
                        RegistrationHealthAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database);
    }

    /**
     * @param database the database's address
     * @return like {@link #bare}, but the auto-configurations are imported the way Spring Boot imports them, so
     *         that its filter drops those whose classes are missing (as {@code withClassLoader} can make them)
     */
    static ApplicationContextRunner imported(String database) {
        return new ApplicationContextRunner().withUserConfiguration(Imported.class)
                .withPropertyValues("spring.datasource.url=" + database);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, RegistrationAutoConfiguration.class,
            RegistrationMetricsAutoConfiguration.class, RegistrationHealthAutoConfiguration.class})
    static class Imported {
    }

    /**
     * @param mailDirectory where the development mailer writes its {@code .eml} files
     * @return the starter on a new database with {@code registration.base-url} and {@code registration.mail.from}
     */
    static ApplicationContextRunner withDefaults(Path mailDirectory) {
        return withDefaults(newDatabase(), mailDirectory);
    }

    /**
     * @param database      the database's address
     * @param mailDirectory where the development mailer writes its {@code .eml} files
     * @return the starter on that database with {@code registration.base-url} and {@code registration.mail.from}
     */
    static ApplicationContextRunner withDefaults(String database, Path mailDirectory) {
        return bare(database).withPropertyValues("registration.base-url=" + BASE_URL,
                "registration.mail.from=" + FROM, "registration.mail.directory=" + mailDirectory);
    }

    /**
     * @param dataSource where to look
     * @param pattern    a LIKE pattern for the table names (H2 keeps unquoted names in upper case)
     * @return the names of the tables that match, sorted
     */
    static List<String> tables(DataSource dataSource, String pattern) {
        try (Connection c = dataSource.getConnection()) {
            return tables(c, pattern);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> tables(Connection c, String pattern) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE '" + pattern
                + "' ESCAPE '\\' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
