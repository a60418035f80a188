package nl.learningcommunities.registration.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ParticipantDetails;
import nl.learningcommunities.registration.application.RegisterCommand;
import nl.learningcommunities.registration.application.RegistrationOutcome;
import nl.learningcommunities.registration.inmemory.InMemoryEventCatalogue;
import nl.learningcommunities.registration.inmemory.InMemoryStorage;
import nl.learningcommunities.registration.json.EventDefinitions;

/** The README's usage snippet, copied here, compiles, runs, and is the same as in the README. */
class ReadmeSnippetTest {

    @SuppressWarnings("unused")
    private static RegistrationOutcome snippet(Path programme) {
        // README-SNIPPET-START
        InMemoryStorage storage = InMemoryStorage.create();       // in production: the JDBC store
        RegistrationEngine engine = RegistrationEngine.builder()
                .eventCatalogue(InMemoryEventCatalogue.create())
                .registrationStore(storage)
                .notificationOutbox(storage)                      // the mail-adapter sends from it
                .clock(Clock.system(ZoneId.of("Europe/Amsterdam")))
                .build();
        engine.events().publishAll(EventDefinitions.create().read(programme));

        RegistrationOutcome outcome = engine.registrations().register(RegisterCommand.of(
                "brede-bijeenkomst-2027-06-09", new ParticipantDetails("Anna", "de Vries", "anna@hu.example.org",
                        "Hogeschool Utrecht", "projectleider", "hbo", Locale.forLanguageTag("nl"))));
        if (outcome instanceof RegistrationOutcome.Refused refused) {
            String why = refused.reasons().get(0).message(Locale.forLanguageTag("nl"));  // show it to Anna
        }
        // README-SNIPPET-END
        return outcome;
    }

    @Test
    void the_snippet_registers_anna(@TempDir Path folder) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Amsterdam")).truncatedTo(ChronoUnit.SECONDS);
        Path programme = folder.resolve("learning-communities.json");
        Files.writeString(programme, """
                {"id": "brede-bijeenkomst-2027-06-09",
                 "title": {"nl": "Learning Communities in hbo en mbo"}, "description": {"nl": "Online"},
                 "contact": {"name": "Melina Groen", "organisation": "MBO Raad", "email": "melina.groen@example.org"},
                 "startsAt": "2027-06-09T13:00:00+02:00", "endsAt": "2027-06-09T17:00:00+02:00",
                 "registrationWindow": {"opensAt": "%s", "closesAt": "%s"}, "capacity": 250}
                """.formatted(now.minusDays(1), now.plusDays(1)));

        assertThat(snippet(programme)).isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void the_readme_shows_this_very_snippet() throws IOException {
        List<String> source = Files.readAllLines(
                Path.of("src/test/java/nl/learningcommunities/registration/readme/ReadmeSnippetTest.java"));
        List<String> copy = source.subList(source.indexOf("        // README-SNIPPET-START") + 1,
                source.indexOf("        // README-SNIPPET-END")).stream()
                .map(line -> line.length() >= 8 ? line.substring(8) : line.strip()).toList();
        String readme = Files.readString(Path.of("../README.md"));
        String block = readme.substring(readme.indexOf("```java\n") + 8);
        List<String> shown = Arrays.asList(block.substring(0, block.indexOf("```")).split("\n", -1));

        assertThat(shown.subList(0, shown.size() - 1)).isEqualTo(copy);
        assertThat(copy).hasSizeLessThanOrEqualTo(16);
    }
}
