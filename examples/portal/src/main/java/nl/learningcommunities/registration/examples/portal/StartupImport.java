package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.learningcommunities.registration.DefinitionException;
import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.json.EventDefinitions;

/**
 * Imports the event definitions at start-up (the folder of {@code registration.events.location}, or the demo
 * programme) and keeps the report for the organiser pages. Definitions are imports, never the source of truth: an
 * unchanged file does nothing, a changed one is merged with what organisers decided, and nothing in a file — not
 * even one that cannot be read — stops the portal from starting. Thread-safe.
 */
final class StartupImport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImport.class);

    private final AtomicReference<ImportReport> report = new AtomicReference<>();
    private final List<String> unreadable = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @return the report of the import at start-up, once it ran */
    Optional<ImportReport> report() {
        return Optional.ofNullable(report.get());
    }

    /** @return the definition files that could not be read, each with why */
    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /**
     * Reads the definitions and imports them, logging what the import did.
     *
     * @param engine the engine
     * @param folder the folder of definitions, or empty for the demo programme
     * @return the report
     */
    ImportReport run(RegistrationEngine engine, Optional<Path> folder) {
        EventDefinitions definitions = EventDefinitions.create();
        List<Event> events = new ArrayList<>();
        if (folder.isPresent()) {
            for (Path file : files(folder.get())) {
                try {
                    events.addAll(definitions.read(file));
                } catch (DefinitionException e) {
                    unreadable.add(file.getFileName() + ": " + e.getMessage());
                    LOG.error("Event definition {} cannot be read and was not imported: {}", file, e.getMessage());
                }
            }
        } else {
            events.addAll(definitions.readResource(EngineConfiguration.DEMO_PROGRAMME));
        }
        ImportReport done = engine.events().publishAll(events);
        report.set(done);
        long unchanged = done.events().stream().filter(e -> e.result() == ImportReport.Result.UNCHANGED
                && !e.needsAttention()).count();
        for (ImportReport.EventImport each : done.events()) {
            if (each.needsAttention()) {
                LOG.warn("Event import: {}", each.summary());
            } else if (each.result() != ImportReport.Result.UNCHANGED) {
                LOG.info("Event import: {}", each.summary());
            }
        }
        LOG.info("Imported {} event definitions from {} ({} unchanged)", events.size(),
                folder.map(Object::toString).orElse("the demo programme"), unchanged);
        return done;
    }

    private List<Path> files(Path folder) {
        try (var listing = Files.list(folder)) {
            return listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            unreadable.add(folder + ": " + e.getMessage());
            LOG.error("The folder of event definitions {} cannot be read: {}", folder, e.getMessage());
            return List.of();
        }
    }
}
