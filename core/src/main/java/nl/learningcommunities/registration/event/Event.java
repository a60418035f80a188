package nl.learningcommunities.registration.event;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import nl.learningcommunities.registration.eligibility.EligibilityRule;
import nl.learningcommunities.registration.eligibility.Invitations;

/**
 * A meeting people register for, as its organiser defined it: what, when, where, for whom, how many, and
 * the rules of registration. Components left {@code null} (for example by a JSON definition that omits
 * them) take the defaults documented in {@code docs/event-definition.md}.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder(String)} or read it from JSON.
 *
 * @param id the event's id: a lower-case slug, unique in the catalogue
 * @param programme the programme (series) the event belongs to, if any
 * @param title title per language
 * @param description description per language
 * @param organisers the organising institutions, in the order they are named
 * @param contact the contact person
 * @param organiserAccess who may manage the event besides the administrators (by e-mail address or provider group)
 * @param format online, on-site or hybrid
 * @param venue the venue, for on-site and hybrid events
 * @param onlineLink the online-meeting link, shown only to confirmed participants
 * @param startsAt start (Europe/Amsterdam in the shipped definitions)
 * @param endsAt end, after the start
 * @param registrationWindow when registration is open
 * @param capacity seats; empty means unlimited
 * @param waitingList whether a full event takes a waiting list (otherwise registration is refused)
 * @param promotion how a freed seat goes to the waiting list
 * @param visibility public or invitation-only
 * @param anonymousRegistration whether people the host did not vouch for may register (from a public page)
 * @param approval automatic, or by an organiser
 * @param emailVerification whether anonymous registrations must confirm their address (double opt-in)
 * @param verificationValidity how long a verification link works
 * @param organisationLimit at most this many active registrations per organisation; empty means no limit
 * @param sessions the sessions participants pick from
 * @param questions the custom questions of the form
 * @param eligibility who may register
 * @param invitations the invitation list and codes
 * @param retention how long after the event's end personal data is kept
 * @param reminderBefore how long before the start participants get a reminder
 * @param organiserNotifications how the contact hears of new registrations
 * @param status open, closed by an organiser, or cancelled
 * @param cancellationReason why the event was cancelled, when it was
 */
public record Event(String id,
                    Optional<String> programme,
                    LocalizedText title,
                    LocalizedText description,
                    List<String> organisers,
                    Contact contact,
                    OrganiserAccess organiserAccess,
                    EventFormat format,
                    Optional<String> venue,
                    Optional<URI> onlineLink,
                    ZonedDateTime startsAt,
                    ZonedDateTime endsAt,
                    RegistrationWindow registrationWindow,
                    OptionalInt capacity,
                    boolean waitingList,
                    Promotion promotion,
                    Visibility visibility,
                    boolean anonymousRegistration,
                    ApprovalMode approval,
                    boolean emailVerification,
                    Duration verificationValidity,
                    OptionalInt organisationLimit,
                    List<Session> sessions,
                    List<Question> questions,
                    EligibilityRule eligibility,
                    Invitations invitations,
                    Period retention,
                    Duration reminderBefore,
                    OrganiserNotifications organiserNotifications,
                    EventStatus status,
                    Optional<String> cancellationReason) {

    /** Checks the invariants and fills in defaults. */
    public Event {
        Objects.requireNonNull(id, "id");
        if (!Ids.isSlug(id)) {
            throw new InvalidEventException("id", "event.id.invalid", "the event id must be a lower-case slug of at most 64 characters: " + id);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(registrationWindow, "registrationWindow");
        programme = programme == null ? Optional.empty() : programme;
        organisers = organisers == null ? List.of() : organisers;
        organiserAccess = organiserAccess == null ? OrganiserAccess.NONE : organiserAccess;
        format = format == null ? EventFormat.ONLINE : format;
        venue = venue == null ? Optional.empty() : venue;
        onlineLink = onlineLink == null ? Optional.empty() : onlineLink;
        capacity = capacity == null ? OptionalInt.empty() : capacity;
        promotion = promotion == null ? Promotion.AUTOMATIC : promotion;
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
        approval = approval == null ? ApprovalMode.AUTOMATIC : approval;
        verificationValidity = verificationValidity == null ? Duration.ofHours(48) : verificationValidity;
        organisationLimit = organisationLimit == null ? OptionalInt.empty() : organisationLimit;
        sessions = sessions == null ? List.of() : sessions;
        questions = questions == null ? List.of() : questions;
        eligibility = eligibility == null ? EligibilityRule.everyone() : eligibility;
        invitations = invitations == null ? Invitations.NONE : invitations;
        retention = retention == null ? Period.ofMonths(12) : retention;
        reminderBefore = reminderBefore == null ? Duration.ofDays(1) : reminderBefore;
        organiserNotifications = organiserNotifications == null ? OrganiserNotifications.PER_REGISTRATION : organiserNotifications;
        status = status == null ? EventStatus.OPEN : status;
        cancellationReason = cancellationReason == null ? Optional.empty() : cancellationReason;
        organisers = List.copyOf(organisers);
        sessions = List.copyOf(sessions);
        questions = List.copyOf(questions);
        EventTexts.requireWellFormed(id, programme, title, description, organisers, contact, organiserAccess, venue,
                onlineLink, sessions, questions, eligibility, invitations, cancellationReason);
        EventInvariants.check(id, startsAt, endsAt, capacity, organisationLimit, verificationValidity, retention,
                status, cancellationReason, sessions, questions);
    }

    /**
     * @param sessionId a session id
     * @return the session, if the event has it
     */
    public Optional<Session> session(String sessionId) {
        return sessions.stream().filter(s -> s.id().equals(sessionId)).findFirst();
    }

    /**
     * @param questionId a question id
     * @return the question, if the event has it
     */
    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /**
     * @param now a moment
     * @return whether registration is open then
     */
    public boolean isRegistrationOpenAt(Instant now) {
        return status == EventStatus.OPEN && registrationWindow.isOpenAt(now);
    }

    /** @return whether the event was cancelled */
    public boolean isCancelled() {
        return status == EventStatus.CANCELLED;
    }

    /** @return the moment after which personal data of this event must be erased */
    public Instant retentionEndsAt() {
        return endsAt.plus(retention).toInstant();
    }

    /**
     * Starts a builder.
     *
     * @param id the event's id
     * @return a builder with the defaults
     */
    public static Builder builder(String id) {
        return new Builder().id(id);
    }

    /** @return a builder holding this event's values, to make a changed copy */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .programme(programme)
                .title(title)
                .description(description)
                .organisers(organisers)
                .contact(contact)
                .organiserAccess(organiserAccess)
                .format(format)
                .venue(venue)
                .onlineLink(onlineLink)
                .startsAt(startsAt)
                .endsAt(endsAt)
                .registrationWindow(registrationWindow)
                .capacity(capacity)
                .waitingList(waitingList)
                .promotion(promotion)
                .visibility(visibility)
                .anonymousRegistration(anonymousRegistration)
                .approval(approval)
                .emailVerification(emailVerification)
                .verificationValidity(verificationValidity)
                .organisationLimit(organisationLimit)
                .sessions(sessions)
                .questions(questions)
                .eligibility(eligibility)
                .invitations(invitations)
                .retention(retention)
                .reminderBefore(reminderBefore)
                .organiserNotifications(organiserNotifications)
                .status(status)
                .cancellationReason(cancellationReason);
    }

    /** Builds an {@link Event}; not thread-safe. */
    public static final class Builder {
        private String id;
        private Optional<String> programme = Optional.empty();
        private LocalizedText title;
        private LocalizedText description;
        private List<String> organisers = List.of();
        private Contact contact;
        private OrganiserAccess organiserAccess = OrganiserAccess.NONE;
        private EventFormat format = EventFormat.ONLINE;
        private Optional<String> venue = Optional.empty();
        private Optional<URI> onlineLink = Optional.empty();
        private ZonedDateTime startsAt;
        private ZonedDateTime endsAt;
        private RegistrationWindow registrationWindow;
        private OptionalInt capacity = OptionalInt.empty();
        private boolean waitingList = true;
        private Promotion promotion = Promotion.AUTOMATIC;
        private Visibility visibility = Visibility.PUBLIC;
        private boolean anonymousRegistration = true;
        private ApprovalMode approval = ApprovalMode.AUTOMATIC;
        private boolean emailVerification = false;
        private Duration verificationValidity = Duration.ofHours(48);
        private OptionalInt organisationLimit = OptionalInt.empty();
        private List<Session> sessions = List.of();
        private List<Question> questions = List.of();
        private EligibilityRule eligibility = EligibilityRule.everyone();
        private Invitations invitations = Invitations.NONE;
        private Period retention = Period.ofMonths(12);
        private Duration reminderBefore = Duration.ofDays(1);
        private OrganiserNotifications organiserNotifications = OrganiserNotifications.PER_REGISTRATION;
        private EventStatus status = EventStatus.OPEN;
        private Optional<String> cancellationReason = Optional.empty();

        private Builder() {
        }

        /**
         * @param id the event's id: a lower-case slug, unique in the catalogue
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * @param programme the programme (series) the event belongs to, if any
         * @return this builder
         */
        public Builder programme(Optional<String> programme) {
            this.programme = programme;
            return this;
        }

        /**
         * @param title title per language
         * @return this builder
         */
        public Builder title(LocalizedText title) {
            this.title = title;
            return this;
        }

        /**
         * @param description description per language
         * @return this builder
         */
        public Builder description(LocalizedText description) {
            this.description = description;
            return this;
        }

        /**
         * @param organisers the organising institutions, in the order they are named
         * @return this builder
         */
        public Builder organisers(List<String> organisers) {
            this.organisers = organisers;
            return this;
        }

        /**
         * @param contact the contact person
         * @return this builder
         */
        public Builder contact(Contact contact) {
            this.contact = contact;
            return this;
        }

        /**
         * @param organiserAccess who may manage the event besides the administrators; null means nobody
         * @return this builder
         */
        public Builder organiserAccess(OrganiserAccess organiserAccess) {
            this.organiserAccess = organiserAccess;
            return this;
        }

        /**
         * @param format online, on-site or hybrid
         * @return this builder
         */
        public Builder format(EventFormat format) {
            this.format = format;
            return this;
        }

        /**
         * @param venue the venue, for on-site and hybrid events
         * @return this builder
         */
        public Builder venue(Optional<String> venue) {
            this.venue = venue;
            return this;
        }

        /**
         * @param onlineLink the online-meeting link, shown only to confirmed participants
         * @return this builder
         */
        public Builder onlineLink(Optional<URI> onlineLink) {
            this.onlineLink = onlineLink;
            return this;
        }

        /**
         * @param startsAt start (Europe/Amsterdam in the shipped definitions)
         * @return this builder
         */
        public Builder startsAt(ZonedDateTime startsAt) {
            this.startsAt = startsAt;
            return this;
        }

        /**
         * @param endsAt end, after the start
         * @return this builder
         */
        public Builder endsAt(ZonedDateTime endsAt) {
            this.endsAt = endsAt;
            return this;
        }

        /**
         * @param registrationWindow when registration is open
         * @return this builder
         */
        public Builder registrationWindow(RegistrationWindow registrationWindow) {
            this.registrationWindow = registrationWindow;
            return this;
        }

        /**
         * @param capacity seats; empty means unlimited
         * @return this builder
         */
        public Builder capacity(OptionalInt capacity) {
            this.capacity = capacity;
            return this;
        }

        /**
         * @param waitingList whether a full event takes a waiting list (otherwise registration is refused)
         * @return this builder
         */
        public Builder waitingList(boolean waitingList) {
            this.waitingList = waitingList;
            return this;
        }

        /**
         * @param promotion how a freed seat goes to the waiting list
         * @return this builder
         */
        public Builder promotion(Promotion promotion) {
            this.promotion = promotion;
            return this;
        }

        /**
         * @param visibility public or invitation-only
         * @return this builder
         */
        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        /**
         * @param anonymousRegistration whether people the host did not vouch for may register (from a public page)
         * @return this builder
         */
        public Builder anonymousRegistration(boolean anonymousRegistration) {
            this.anonymousRegistration = anonymousRegistration;
            return this;
        }

        /**
         * @param approval automatic, or by an organiser
         * @return this builder
         */
        public Builder approval(ApprovalMode approval) {
            this.approval = approval;
            return this;
        }

        /**
         * @param emailVerification whether anonymous registrations must confirm their address (double opt-in)
         * @return this builder
         */
        public Builder emailVerification(boolean emailVerification) {
            this.emailVerification = emailVerification;
            return this;
        }

        /**
         * @param verificationValidity how long a verification link works
         * @return this builder
         */
        public Builder verificationValidity(Duration verificationValidity) {
            this.verificationValidity = verificationValidity;
            return this;
        }

        /**
         * @param organisationLimit at most this many active registrations per organisation; empty means no limit
         * @return this builder
         */
        public Builder organisationLimit(OptionalInt organisationLimit) {
            this.organisationLimit = organisationLimit;
            return this;
        }

        /**
         * @param sessions the sessions participants pick from
         * @return this builder
         */
        public Builder sessions(List<Session> sessions) {
            this.sessions = sessions;
            return this;
        }

        /**
         * @param questions the custom questions of the form
         * @return this builder
         */
        public Builder questions(List<Question> questions) {
            this.questions = questions;
            return this;
        }

        /**
         * @param eligibility who may register
         * @return this builder
         */
        public Builder eligibility(EligibilityRule eligibility) {
            this.eligibility = eligibility;
            return this;
        }

        /**
         * @param invitations the invitation list and codes
         * @return this builder
         */
        public Builder invitations(Invitations invitations) {
            this.invitations = invitations;
            return this;
        }

        /**
         * @param retention how long after the event's end personal data is kept
         * @return this builder
         */
        public Builder retention(Period retention) {
            this.retention = retention;
            return this;
        }

        /**
         * @param reminderBefore how long before the start participants get a reminder
         * @return this builder
         */
        public Builder reminderBefore(Duration reminderBefore) {
            this.reminderBefore = reminderBefore;
            return this;
        }

        /**
         * @param organiserNotifications how the contact hears of new registrations
         * @return this builder
         */
        public Builder organiserNotifications(OrganiserNotifications organiserNotifications) {
            this.organiserNotifications = organiserNotifications;
            return this;
        }

        /**
         * @param status open, closed by an organiser, or cancelled
         * @return this builder
         */
        public Builder status(EventStatus status) {
            this.status = status;
            return this;
        }

        /**
         * @param cancellationReason why the event was cancelled, when it was
         * @return this builder
         */
        public Builder cancellationReason(Optional<String> cancellationReason) {
            this.cancellationReason = cancellationReason;
            return this;
        }

        /**
         * @return the event
         * @throws IllegalArgumentException or NullPointerException when a value is missing or inconsistent
         */
        public Event build() {
            return new Event(id, programme, title, description, organisers, contact, organiserAccess, format, venue,
                    onlineLink, startsAt, endsAt, registrationWindow, capacity, waitingList, promotion, visibility,
                    anonymousRegistration, approval, emailVerification, verificationValidity, organisationLimit,
                    sessions, questions, eligibility, invitations, retention, reminderBefore, organiserNotifications,
                    status, cancellationReason);
        }
    }
}
