package nl.learningcommunities.registration.mail;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStatus;
import nl.learningcommunities.registration.booking.SessionChoice;
import nl.learningcommunities.registration.event.Event;

import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.NotificationType;
import nl.learningcommunities.registration.participant.EmailAddress;
import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.token.TokenPurpose;

/**
 * Turns a notification into a MIME message: text and HTML in one {@code multipart/alternative}, with the
 * calendar part where the message confirms or cancels a seat. Every header value built from user data is
 * stripped of control characters first, so that no name or title can add a header or a recipient.
 * Thread-safe.
 */
final class MessageComposer {

    /** The zone participants read times in unless told otherwise; an event elsewhere has its zone named. */
    private static final ZoneId HOME_ZONE = ZoneId.of("Europe/Amsterdam");
    /** A run of white space in a header value. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The words for a changed event, by label key, and the event fields each stands for. */
    private static final Map<String, List<String>> CHANGES = orderedChanges();

    private final MailSettings settings;
    private final Templates templates;
    private final CalendarInvites invites;
    private final Map<String, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

    MessageComposer(MailSettings settings) {
        this.settings = settings;
        this.templates = new Templates(settings.templates());
        this.invites = new CalendarInvites(settings.calendarDomain());
    }

    MimeMessage compose(Session session, Notification n, Event event, Optional<Registration> registration)
            throws MessagingException {
        Locale locale = Messages.supported(n.locale());
        Optional<CalendarInvites.Invite> invite = n.type().toOrganiser() || registration.isEmpty() ? Optional.empty()
                : invites.build(n.type(), event, registration.get(), n.createdAt(), event.description().in(locale),
                        templates.label(locale, "event.link"));
        Map<String, Object> context = context(n, event, registration, locale);
        invite.ifPresent(i -> context.put(i.method().equals("CANCEL") ? "calendarCancel" : "calendarUpdate", true));
        Templates.Rendered rendered = templates.render(n.type(), locale, context);

        String messageId = "<" + n.id() + "@" + settings.calendarDomain() + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(address(settings.from(), settings.branding().sender()));
        EmailAddress replyTo = settings.replyTo().orElse(event.contact().email());
        message.setReplyTo(new InternetAddress[] {address(replyTo, event.contact().name())});
        message.setRecipient(Message.RecipientType.TO, address(n.recipient(), n.recipientName()));
        message.setSubject(headerSafe(rendered.subject(), 250), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(n.createdAt()));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Content-Language", locale.getLanguage());

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(rendered.text(), "plain"));
        alternative.addBodyPart(textPart(rendered.html(), "html"));
        if (invite.isPresent()) {
            MimeBodyPart calendar = new MimeBodyPart();
            String type = "text/calendar; charset=UTF-8; method=" + invite.get().method();
            calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    invite.get().ics().getBytes(StandardCharsets.UTF_8), type)));
            calendar.setHeader("Content-Type", type);
            calendar.setHeader("Content-Transfer-Encoding", TransferEncodings.of(invite.get().ics()));
            alternative.addBodyPart(calendar);
        }
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** A formatter for a pattern in a language, made once (a formatter is immutable). */
    private DateTimeFormatter formatter(String pattern, Locale locale) {
        return formatters.computeIfAbsent(locale.toLanguageTag() + " " + pattern,
                key -> DateTimeFormatter.ofPattern(pattern, locale));
    }

    /** A UTF-8 text part, its transfer encoding chosen as Jakarta Mail would, without writing it to find out. */
    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        part.setHeader("Content-Transfer-Encoding", TransferEncodings.of(content));
        return part;
    }

    private Map<String, Object> context(Notification n, Event event, Optional<Registration> registration,
                                        Locale locale) {
        ZoneId zone = event.startsAt().getZone();
        DateTimeFormatter date = formatter(templates.label(locale, "date.pattern"), locale);
        DateTimeFormatter time = formatter(templates.label(locale, "time.pattern"), locale);
        boolean confirmed = registration.map(r -> r.status() == RegistrationStatus.CONFIRMED).orElse(false);

        Map<String, Object> eventView = new HashMap<>();
        eventView.put("title", event.title().in(locale));
        eventView.put("when", event.startsAt().format(date) + "–" + event.endsAt().format(time)
                + (zone.equals(HOME_ZONE) ? "" : " (" + zone.getId() + ")"));
        eventView.put("where", event.venue().orElse(templates.label(locale, "event.online")));
        if (confirmed && !n.type().toOrganiser()) {
            event.onlineLink().ifPresent(link -> eventView.put("onlineLink", link.toString()));
        }
        eventView.put("organisers", String.join(", ", event.organisers()));

        Map<String, Object> labels = new HashMap<>();
        for (String key : List.of("when", "where", "link", "organisers", "sessions")) {
            labels.put(key, templates.label(locale, "event." + key));
        }
        labels.put("manage", templates.label(locale,
                n.type() == NotificationType.EVENT_CANCELLED ? "manage.view" : "manage"));
        labels.put("closing", templates.label(locale, "closing"));

        Map<String, Object> branding = new HashMap<>();
        branding.put("sender", settings.branding().sender());
        settings.branding().logoUrl().ifPresent(url -> branding.put("logoUrl", url.toString()));
        branding.put("primaryColour", settings.branding().primaryColour());
        settings.branding().footer().ifPresent(footer -> branding.put("footer", footer.in(locale)));

        Map<String, Object> context = new HashMap<>();
        context.put("name", n.recipientName());
        context.put("event", eventView);
        context.put("labels", labels);
        context.put("branding", branding);
        context.put("language", locale.getLanguage());
        context.put("contact", Map.of("name", event.contact().name()));
        n.data().forEach(context::put);
        Optional.ofNullable(n.data().get("waitlistPosition")).ifPresent(p -> context.put("position", p));
        moment(n.data().get("offerExpiresAt"), zone, date).ifPresent(t -> context.put("offerExpires", t));
        moment(n.data().get("tokenExpiresAt"), zone, date).ifPresent(t -> context.put("verificationExpires", t));
        if (n.type() == NotificationType.EVENT_CHANGED) {
            eventChanged(n, registration, locale, zone, date, context);
        }
        if (n.type() == NotificationType.EVENT_CANCELLED) {
            event.cancellationReason().map(String::strip).filter(r -> !r.isEmpty())
                    .ifPresent(r -> context.put("cancellationReason", r));
        }

        List<Map<String, Object>> sessions = new ArrayList<>();
        if (!n.type().toOrganiser()) {
            registration.ifPresent(r -> {
                for (SessionChoice choice : r.sessions()) {
                    event.session(choice.sessionId()).ifPresent(s -> {
                        Map<String, Object> view = new HashMap<>();
                        view.put("title", s.title().in(locale));
                        view.put("time", s.startsAt().format(time) + "–" + s.endsAt().format(time));
                        if (choice.placement() == SessionChoice.Placement.WAITLISTED) {
                            view.put("waiting", templates.label(locale, "session.waiting"));
                        }
                        sessions.add(view);
                    });
                }
            });
        }
        context.put("sessions", sessions);
        context.put("hasSessions", !sessions.isEmpty());

        n.token().ifPresent(token -> {
            UUID registrationId = n.registrationId().orElseThrow();
            TokenPurpose purpose = token.stored().purpose();
            if (purpose == TokenPurpose.VERIFY_EMAIL || purpose == TokenPurpose.VERIFY_NEW_EMAIL) {
                context.put("actionUrl", settings.links().verify(registrationId, token.secret()).toString());
                context.put("actionLabel", templates.label(locale,
                        purpose == TokenPurpose.VERIFY_NEW_EMAIL ? "verify.new" : "verify"));
            } else {
                URI manage = settings.links().manage(registrationId, token.secret());
                context.put("manageUrl", manage.toString());
                if (n.type() == NotificationType.WAITLIST_OFFER) {
                    context.put("actionUrl", manage.toString());
                    context.put("actionLabel", templates.label(locale, "offer"));
                    context.put("declineUrl", manage + "#decline");
                    context.put("declineLabel", templates.label(locale, "decline"));
                }
            }
        });
        if (n.type() == NotificationType.INVITATION) {
            context.put("actionUrl", settings.links().event(event.id()).toString());
            context.put("actionLabel", templates.label(locale, "invitation"));
        }
        return context;
    }

    /**
     * What an {@code EVENT_CHANGED} message says beyond the event itself: what changed, in words, and where the
     * participant stands now (from the registration as it is when the message is sent, so that the text agrees
     * with the calendar part).
     */
    private void eventChanged(Notification n, Optional<Registration> registration, Locale locale, ZoneId zone,
                              DateTimeFormatter date, Map<String, Object> context) {
        List<String> fields = java.util.Arrays.stream(n.data().getOrDefault("changedFields", "").split(","))
                .map(String::strip).toList();
        List<String> changes = new ArrayList<>();
        CHANGES.forEach((key, names) -> {
            if (names.stream().anyMatch(fields::contains)) {
                changes.add(templates.label(locale, key));
            }
        });
        if (!changes.isEmpty()) {
            context.put("changes", enumerate(changes, templates.label(locale, "list.and")));
        }
        context.remove("offerExpires");
        registration.ifPresent(r -> {
            context.put("confirmed", r.status() == RegistrationStatus.CONFIRMED);
            context.put("waiting", r.isWaiting());
            if (r.status() == RegistrationStatus.WAITLISTED && r.offerExpiresAt().isPresent()) {
                context.put("offered", true);
                context.put("offerExpires", r.offerExpiresAt().get().atZone(zone).format(date));
            }
        });
    }

    /** "a, b and c", with the language's word for "and". */
    static String enumerate(List<String> items, String and) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + and + " " + items.get(items.size() - 1);
    }

    private static Optional<String> moment(String instant, ZoneId zone, DateTimeFormatter format) {
        return Optional.ofNullable(instant).map(Instant::parse).map(t -> t.atZone(zone).format(format));
    }

    private static InternetAddress address(EmailAddress email, String name) throws MessagingException {
        String safe = headerSafe(name, 200);
        if (safe.isEmpty()) {
            return new InternetAddress(email.value(), true);
        }
        try {
            return new InternetAddress(email.value(), safe, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is not supported", e);
        }
    }

    private static Map<String, List<String>> orderedChanges() {
        Map<String, List<String>> changes = new java.util.LinkedHashMap<>();
        changes.put("changed.when", List.of("startsAt", "endsAt"));
        changes.put("changed.where", List.of("venue"));
        changes.put("changed.format", List.of("format"));
        changes.put("changed.link", List.of("onlineLink"));
        return java.util.Collections.unmodifiableMap(changes);
    }

    /** Removes line breaks and other control characters, collapses spaces, and caps the length. */
    static String headerSafe(String value, int max) {
        String clean = value.codePoints().map(c -> Character.isISOControl(c) || Character.getType(c)
                        == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
                .transform(text -> WHITESPACE.matcher(text).replaceAll(" ")).strip();
        return clean.length() > max ? clean.substring(0, max) : clean;
    }
}
