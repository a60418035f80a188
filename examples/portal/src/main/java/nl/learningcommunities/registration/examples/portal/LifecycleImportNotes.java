package nl.learningcommunities.registration.examples.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import nl.learningcommunities.registration.application.ImportReport;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.rule.Reason;

/**
 * What an organiser should know of the start-up import, in the page's language: per event, each field a
 * definition file changed that was not taken over — because an organiser changed it too (a conflict), or because
 * it broke a rule (refused, for example a capacity below the seats taken).
 *
 * @param eventId the event
 * @param title   its title in the page's language, or its id when it is not published
 * @param lines   one sentence per field
 */
record LifecycleImportNotes(String eventId, String title, List<String> lines) {

    /** Copies the lines. */
    LifecycleImportNotes {
        lines = List.copyOf(lines);
    }

    /**
     * @param report the import's report
     * @param events finds a published event by id, or null
     * @param locale the page's language
     * @return a note per event that needs attention, in the report's order; empty when none does
     */
    static List<LifecycleImportNotes> of(ImportReport report, Function<String, Event> events, Locale locale) {
        List<LifecycleImportNotes> notes = new ArrayList<>();
        for (ImportReport.EventImport entry : report.events()) {
            if (!entry.needsAttention()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            for (String field : entry.conflicts()) {
                lines.add(PortalMessages.text("lifecycle.import.conflict", locale, field, fieldLabel(field, locale)));
            }
            for (Reason refused : entry.refused()) {
                String why = ApiProblems.message(refused, locale);
                lines.add(refused.field()
                        .map(field -> PortalMessages.text("lifecycle.import.refused", locale, why,
                                fieldLabel(field, locale), why))
                        .orElseGet(() -> PortalMessages.text("lifecycle.import.refused-event", locale, why, why)));
            }
            Event event = events.apply(entry.eventId());
            notes.add(new LifecycleImportNotes(entry.eventId(),
                    event == null ? entry.eventId() : event.title().in(locale), lines));
        }
        return notes;
    }

    /**
     * @param field  an event field as the definition files name it ({@code capacity}, {@code startsAt}…)
     * @param locale the page's language
     * @return its label on the pages ("Capaciteit"), or the name itself when it has none
     */
    static String fieldLabel(String field, Locale locale) {
        return PortalMessages.text("history.field." + field, locale, field);
    }
}
