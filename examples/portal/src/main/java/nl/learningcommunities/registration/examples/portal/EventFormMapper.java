package nl.learningcommunities.registration.examples.portal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.event.ApprovalMode;
import nl.learningcommunities.registration.event.Contact;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventFormat;
import nl.learningcommunities.registration.event.EventStatus;
import nl.learningcommunities.registration.event.Ids;
import nl.learningcommunities.registration.event.InvalidEventException;
import nl.learningcommunities.registration.event.OrganiserNotifications;
import nl.learningcommunities.registration.event.Promotion;
import nl.learningcommunities.registration.event.RegistrationWindow;
import nl.learningcommunities.registration.event.Visibility;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Reason;

/**
 * Makes an {@link Event} of what an organiser typed, or says what is wrong, each problem on the element it is
 * about ({@code endsAt-date}, {@code session-1-id}…) with the library's codes where it has one. Every moment is
 * read in the form's time zone. Against the event the organiser started from, a value that means the same as
 * before keeps its exact old form (a moment in another zone, a rule or a period written differently), so that an
 * untouched field is never reported as changed. The lists are read by {@link EventFormRows}.
 */
final class EventFormMapper {

    /**
     * @param event   the event, when the form makes one
     * @param reasons why it does not, each on the element it is about
     */
    record Result(Optional<Event> event, List<Reason> reasons) {
        /** Copies the reasons. */
        Result {
            reasons = List.copyOf(reasons);
        }
    }

    private final EventForm form;
    private final Optional<Event> base;
    private final ZonedDateTime now;
    private final Optional<ZoneId> zone;
    private final EventFormReading reading;

    private EventFormMapper(EventForm form, Optional<Event> base, ZonedDateTime now) {
        this.form = form;
        this.base = base;
        this.now = now;
        this.zone = zone(form.value("zone"));
        this.reading = new EventFormReading(zone.orElse(EventFormFiller.DEFAULT_ZONE),
                base.map(b -> zone.equals(Optional.of(b.startsAt().getZone()))).orElse(false));
    }

    /**
     * @param form    what was typed
     * @param base    the event as the organiser started editing it; empty for a new event
     * @param fixedId the id of the event edited (its id field is not read); empty for a new event
     * @param now     the moment registration opens when the form leaves it empty
     * @return the event, or the problems
     */
    static Result map(EventForm form, Optional<Event> base, Optional<String> fixedId, ZonedDateTime now) {
        return new EventFormMapper(form, base, now).map(fixedId);
    }

    private Result map(Optional<String> fixedId) {
        // Read in the order of the page, so that the error summary lists the problems in that order.
        EventFormRows rows = new EventFormRows(form, base, reading);
        Event.Builder builder = Event.builder(fixedId.orElseGet(this::id))
                .title(reading.localized("title", form.value("title.nl"), form.value("title.en"),
                        base.map(Event::title)))
                .description(reading.localized("description", form.value("description.nl"),
                        form.value("description.en"), base.map(Event::description)))
                .programme(optional("programme"))
                .organisers(EventFormParsing.lines(form.value("organisers")))
                .contact(contact())
                .organiserAccess(rows.organiserAccess());
        if (zone.isEmpty()) {
            reading.problem("zone", "editor.error.zone");
        }
        Optional<ZonedDateTime> startsAt = reading.moment("startsAt", form.value("startsAt.date"),
                form.value("startsAt.time"), true, base.map(Event::startsAt));
        Optional<ZonedDateTime> endsAt = reading.moment("endsAt", form.value("endsAt.date"),
                form.value("endsAt.time"), true, base.map(Event::endsAt));
        reading.after(startsAt, endsAt, "endsAt-date", "event.ends-before-start");
        builder.startsAt(startsAt.orElse(null))
                .endsAt(endsAt.orElse(null))
                .format(choice(EventFormat.class, "format", EventFormat.ONLINE))
                .venue(optional("venue"))
                .onlineLink(link())
                .registrationWindow(window(startsAt))
                .capacity(reading.count("capacity", form.value("capacity"), 0))
                .waitingList(form.checked("waitingList"))
                .promotion(new Promotion(choice(Promotion.Mode.class, "promotion", Promotion.Mode.AUTOMATIC),
                        hours("offerValidity", true)))
                .visibility(choice(Visibility.class, "visibility", Visibility.PUBLIC))
                .anonymousRegistration(form.checked("anonymousRegistration"))
                .approval(choice(ApprovalMode.class, "approval", ApprovalMode.AUTOMATIC))
                .emailVerification(form.checked("emailVerification"))
                .verificationValidity(hours("verificationValidity", true))
                .organisationLimit(reading.count("organisationLimit", form.value("organisationLimit"), 1))
                .sessions(rows.sessions())
                .questions(rows.questions())
                .eligibility(eligibility())
                .invitations(rows.invitations())
                .reminderBefore(hours("reminderBefore", false))
                .organiserNotifications(choice(OrganiserNotifications.class, "organiserNotifications",
                        OrganiserNotifications.PER_REGISTRATION))
                .retention(retention())
                .status(base.map(Event::status).orElse(EventStatus.OPEN))
                .cancellationReason(base.flatMap(Event::cancellationReason));
        if (!reading.ok()) {
            return new Result(Optional.empty(), reading.reasons());
        }
        try {
            return new Result(Optional.of(builder.build()), List.of());
        } catch (InvalidEventException e) {
            return new Result(Optional.empty(), List.of(Reason.ofField(e.field(), e.code(),
                    e.args().toArray(String[]::new))));
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Result(Optional.empty(), List.of(Reason.of("editor.error.invalid")));
        }
    }

    private static Optional<ZoneId> zone(String text) {
        try {
            return Optional.of(ZoneId.of(EventFormParsing.strip(text)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private String id() {
        String typed = EventFormParsing.strip(form.value("id"));
        String id = typed.isEmpty() ? EventFormParsing.slug(form.value("title.nl").isBlank() ? form.value("title.en")
                : form.value("title.nl")) : typed;
        if (id.isEmpty()) {
            reading.problem("id", "field.required");
        } else if (!Ids.isSlug(id)) {
            reading.problem("id", "event.id.invalid");
        } else if (id.equals("new")) {
            reading.problem("id", "editor.error.id-reserved");
        }
        return Ids.isSlug(id) ? id : "invalid";
    }

    private Optional<String> optional(String name) {
        return Optional.of(EventFormParsing.strip(form.value(name))).filter(s -> !s.isEmpty());
    }

    private Contact contact() {
        String name = required("contact.name");
        String organisation = required("contact.organisation");
        String email = EventFormParsing.strip(form.value("contact.email"));
        Optional<EmailAddress> address = EmailAddress.parse(email);
        if (email.isEmpty()) {
            reading.problem("contact-email", "field.required");
        } else if (address.isEmpty()) {
            reading.problem("contact-email", "email.invalid");
        }
        return new Contact(name, organisation, address.orElseGet(() -> EmailAddress.of("invalid@example.org")));
    }

    private String required(String name) {
        String value = EventFormParsing.strip(form.value(name));
        if (value.isEmpty()) {
            reading.problem(name.replace('.', '-'), "field.required");
        }
        return value;
    }

    private <E extends Enum<E>> E choice(Class<E> type, String name, E otherwise) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(form.value(name))) {
                return constant;
            }
        }
        reading.problem(name, "field.invalid");
        return otherwise;
    }

    private Optional<URI> link() {
        Optional<String> text = optional("onlineLink");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // said below
        }
        reading.problem("onlineLink", "editor.error.url");
        return Optional.empty();
    }

    /** Registration opens now and closes at the start unless the form says otherwise. */
    private RegistrationWindow window(Optional<ZonedDateTime> startsAt) {
        Optional<RegistrationWindow> before = base.map(Event::registrationWindow);
        boolean opensTyped = !(form.value("opensAt.date").isBlank() && form.value("opensAt.time").isBlank());
        boolean closesTyped = !(form.value("closesAt.date").isBlank() && form.value("closesAt.time").isBlank());
        Optional<ZonedDateTime> opens = opensTyped ? reading.moment("opensAt", form.value("opensAt.date"),
                form.value("opensAt.time"), true, before.map(RegistrationWindow::opensAt))
                : Optional.of(now.withZoneSameInstant(zone.orElse(EventFormFiller.DEFAULT_ZONE))
                        .truncatedTo(ChronoUnit.MINUTES));
        Optional<ZonedDateTime> closes = closesTyped ? reading.moment("closesAt", form.value("closesAt.date"),
                form.value("closesAt.time"), true, before.map(RegistrationWindow::closesAt)) : startsAt;
        if (opens.isEmpty() || closes.isEmpty()) {
            return null;
        }
        if (!closes.get().isAfter(opens.get())) {
            reading.problem(closesTyped ? "closesAt-date" : "opensAt-date", "editor.error.closes-before-opens");
            return null;
        }
        return new RegistrationWindow(opens.get(), closes.get());
    }

    private Duration hours(String name, boolean positive) {
        Optional<Duration> duration = EventFormParsing.hours(form.value(name));
        if (duration.isEmpty() || duration.get().isNegative() || (positive && duration.get().isZero())) {
            reading.problem(name, "editor.error.hours");
            return Duration.ofHours(1);
        }
        return duration.get();
    }

    private Period retention() {
        Optional<Period> period = EventFormParsing.months(form.value("retention"));
        if (period.isEmpty() || period.get().isNegative()) {
            reading.problem("retention", "editor.error.months");
            return Period.ofMonths(12);
        }
        return base.map(Event::retention).filter(b -> b.normalized().equals(period.get().normalized()))
                .orElse(period.get());
    }

    private EligibilityRule eligibility() {
        if (form.keepsEligibility() && base.isPresent()) {
            return base.get().eligibility();
        }
        EligibilityRule rule = EventFormEligibility.rule(form, reading.reasons());
        return base.map(Event::eligibility)
                .filter(b -> EventFormEligibility.normalised(b).equals(EventFormEligibility.normalised(rule)))
                .orElse(rule);
    }
}
