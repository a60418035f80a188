package nl.learningcommunities.registration.event.violation;

import java.sql.Connection;

import tools.jackson.databind.json.JsonMapper;

/** Breaks the architecture on purpose, so that a test can prove the rules notice. Test code only. */
public final class DomainReachingForJdbcAndJackson {

    /**
     * @param connection a JDBC connection
     * @return a JSON mapper
     */
    public JsonMapper breakRules(Connection connection) {
        return JsonMapper.builder().build();
    }
}
