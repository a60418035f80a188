package nl.learningcommunities.registration.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every code the library can give has a message in Dutch and in English. */
class MessagesTest {

    private static final Pattern CODE = Pattern.compile(
            "\"((?:field|email|privacy|answer|session|registration|capacity|organisation|eligibility|identity"
                    + "|verification|offer|attendance)\\.[a-z.-]+)\"");

    @Test
    void every_code_in_the_sources_has_a_message_in_both_languages() throws IOException {
        Properties english = load("messages.properties");
        Properties dutch = load("messages_nl.properties");
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(source));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }

        assertThat(codes).hasSizeGreaterThan(30);
        assertThat(english.stringPropertyNames()).containsAll(codes);
        assertThat(dutch.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
    }

    @Test
    void arguments_fill_in_and_unknown_codes_fall_back_to_the_code() {
        assertThat(Reason.of("organisation.limit", "3").message(Messages.DUTCH)).contains("3 aanmeldingen");
        assertThat(Reason.of("session.overlap", "a", "b").message(Messages.ENGLISH))
                .isEqualTo("Sessions \"a\" and \"b\" take place at the same time; choose one of them.");
        assertThat(Reason.of("no.such.code").message(Messages.DUTCH)).isEqualTo("no.such.code");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Reason.class.getResourceAsStream(name)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
