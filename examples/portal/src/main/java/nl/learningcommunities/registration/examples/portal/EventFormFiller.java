package nl.learningcommunities.registration.examples.portal;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.OptionalInt;

import nl.learningcommunities.registration.eligibility.InvitationCode;
import nl.learningcommunities.registration.event.Contact;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.LocalizedText;
import nl.learningcommunities.registration.event.Question;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.event.Session;
import nl.learningcommunities.registration.participant.EmailAddress;

/**
 * Fills the event editor from an event: every field as text, every moment in the event's time zone (the zone of
 * its start). A new event's form holds the library's defaults.
 */
final class EventFormFiller {

    /** The zone a new event starts in. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");

    private EventFormFiller() {
    }

    /** @return the form of a new event: the library's defaults, the required fields empty */
    static EventForm blank() {
        ZonedDateTime placeholder = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, DEFAULT_ZONE);
        Event defaults = Event.builder("new").title(LocalizedText.of("")).description(LocalizedText.of(""))
                .contact(new Contact("", "", EmailAddress.of("placeholder@example.org")))
                .startsAt(placeholder).endsAt(placeholder.plusHours(1))
                .registrationWindow(new RegistrationWindow(placeholder, placeholder.plusHours(1))).build();
        EventForm form = of(defaults);
        for (String name : new String[] {"id", "title.nl", "title.en", "description.nl", "description.en",
                "contact.email", "startsAt.date", "startsAt.time", "endsAt.date", "endsAt.time", "opensAt.date",
                "opensAt.time", "closesAt.date", "closesAt.time"}) {
            form.set(name, "");
        }
        return form;
    }

    /**
     * @param event an event
     * @return its form
     */
    static EventForm of(Event event) {
        ZoneId zone = event.startsAt().getZone();
        EventForm form = new EventForm();
        form.set("id", event.id()).set("programme", event.programme().orElse(""));
        text(form, "title", event.title());
        text(form, "description", event.description());
        form.set("organisers", String.join("\n", event.organisers()))
                .set("contact.name", event.contact().name())
                .set("contact.organisation", event.contact().organisation())
                .set("contact.email", event.contact().email().value())
                .set("organiserAccess.emails", String.join("\n", event.organiserAccess().emails().stream()
                        .map(EmailAddress::value).toList()))
                .set("organiserAccess.groups", String.join("\n", event.organiserAccess().groups()))
                .set("format", event.format().name())
                .set("venue", event.venue().orElse(""))
                .set("onlineLink", event.onlineLink().map(Object::toString).orElse(""))
                .set("zone", zone.getId());
        moment(form, "startsAt", event.startsAt(), zone);
        moment(form, "endsAt", event.endsAt(), zone);
        moment(form, "opensAt", event.registrationWindow().opensAt(), zone);
        moment(form, "closesAt", event.registrationWindow().closesAt(), zone);
        form.set("capacity", number(event.capacity()))
                .tick("waitingList", event.waitingList())
                .set("promotion", event.promotion().mode().name())
                .set("offerValidity", EventFormParsing.hours(event.promotion().offerValidity()))
                .set("visibility", event.visibility().name())
                .tick("anonymousRegistration", event.anonymousRegistration())
                .set("approval", event.approval().name())
                .tick("emailVerification", event.emailVerification())
                .set("verificationValidity", EventFormParsing.hours(event.verificationValidity()))
                .set("organisationLimit", number(event.organisationLimit()))
                .set("retention", EventFormParsing.months(event.retention()))
                .set("reminderBefore", EventFormParsing.hours(event.reminderBefore()))
                .set("organiserNotifications", event.organiserNotifications().name());
        for (Session session : event.sessions()) {
            EventFormRow row = new EventFormRow().set("id", session.id()).set("capacity", number(session.capacity()));
            text(row, "title", session.title());
            moment(row, "startsAt", session.startsAt(), zone);
            moment(row, "endsAt", session.endsAt(), zone);
            form.sessions().add(row);
        }
        for (Question question : event.questions()) {
            form.questions().add(question(question));
        }
        EventFormEligibility.fill(event.eligibility(), form);
        form.set("invitations.emails", EventFormParsing.lines(event.invitations().emails().stream()
                .map(EmailAddress::value).toList()));
        for (InvitationCode code : event.invitations().codes()) {
            EventFormRow row = new EventFormRow().set("code", code.code()).set("maxUses", number(code.maxUses()));
            code.expiresAt().ifPresent(expiry -> moment(row, "expiresAt", expiry, zone));
            form.codes().add(row);
        }
        return form;
    }

    private static EventFormRow question(Question question) {
        EventFormRow row = new EventFormRow().set("id", question.id()).set("type", question.type().name())
                .set("required", question.required() ? "true" : "")
                .set("maxLength", number(question.maxLength()));
        text(row, "label", question.label());
        for (Question.Option option : question.options()) {
            EventFormRow optionRow = new EventFormRow().set("id", option.id());
            text(optionRow, "label", option.label());
            row.options().add(optionRow);
        }
        return row;
    }

    private static void text(EventForm form, String name, LocalizedText text) {
        form.set(name + ".nl", text.values().getOrDefault("nl", ""))
                .set(name + ".en", text.values().getOrDefault("en", ""));
    }

    private static void text(EventFormRow row, String name, LocalizedText text) {
        row.set(name + ".nl", text.values().getOrDefault("nl", ""))
                .set(name + ".en", text.values().getOrDefault("en", ""));
    }

    private static void moment(EventForm form, String name, ZonedDateTime moment, ZoneId zone) {
        ZonedDateTime local = moment.withZoneSameInstant(zone);
        form.set(name + ".date", EventFormParsing.date(local)).set(name + ".time", EventFormParsing.time(local));
    }

    private static void moment(EventFormRow row, String name, ZonedDateTime moment, ZoneId zone) {
        ZonedDateTime local = moment.withZoneSameInstant(zone);
        row.set(name + ".date", EventFormParsing.date(local)).set(name + ".time", EventFormParsing.time(local));
    }

    private static String number(OptionalInt number) {
        return number.isPresent() ? String.valueOf(number.getAsInt()) : "";
    }
}
