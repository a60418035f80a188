package nl.learningcommunities.registration.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

import jakarta.mail.internet.MimeMessage;

import nl.learningcommunities.registration.booking.Registration;
import nl.learningcommunities.registration.booking.RegistrationStore;
import nl.learningcommunities.registration.event.Event;
import nl.learningcommunities.registration.event.EventCatalogue;
import nl.learningcommunities.registration.notification.Notification;
import nl.learningcommunities.registration.notification.OutboxEntry;

/**
 * Delivers one claimed batch in two stages that overlap: the render stage composes the batch's messages one after
 * the other on the render executor, while the send stage — the dispatcher's thread — hands them to the
 * {@link Mailer} as they come ({@link RenderedMessages}), over one connection. The render stage works on this one
 * batch only, so that it is bounded by the batch, and nothing outlives the run: when the mailer is done, the batch
 * is rendered to the end and every entry is settled on the dispatcher's thread, as before there were two stages —
 * first the entries that cannot be composed (failed), then the others in order (withheld ones handed back, the rest
 * by the server's answer).
 *
 * <p>Thread-safe: holds only what the dispatcher gave it; each batch has its own {@link RenderedMessages}.
 */
final class BatchDelivery {

    private final EventCatalogue catalogue;
    private final RegistrationStore store;
    private final Mailer mailer;
    private final MessageComposer composer;
    private final Settlement settlement;
    private final Clock clock;

    BatchDelivery(EventCatalogue catalogue, RegistrationStore store, Mailer mailer, MessageComposer composer,
                  Settlement settlement, Clock clock) {
        this.catalogue = catalogue;
        this.store = store;
        this.mailer = mailer;
        this.composer = composer;
        this.settlement = settlement;
        this.clock = clock;
    }

    /**
     * Renders, sends and settles a batch.
     *
     * @param claimed  the entries claimed
     * @param claims   their claims, renewed while the batch is in hand
     * @param renderer where the render stage runs
     * @param stopping whether the dispatcher is closing: no further message is then handed to the server
     * @return how many entries were settled: all of them
     */
    int deliver(List<OutboxEntry> claimed, BatchClaims claims, Executor renderer, BooleanSupplier stopping) {
        RenderedMessages messages = new RenderedMessages();
        Runnable render = () -> render(claimed, messages);
        try {
            renderer.execute(render);
        } catch (RejectedExecutionException e) {
            render.run();
        }
        Set<Integer> withheld = ConcurrentHashMap.newKeySet();
        List<DeliveryResult> results;
        try {
            results = mailer.send(messages, i -> {
                boolean go = !stopping.getAsBoolean() && claims.mayStillSend(messages.entry(i).notification().id());
                if (!go) {
                    withheld.add(i);
                }
                return go;
            });
        } finally {
            messages.awaitFinished();
        }
        for (RenderedMessages.Uncomposed failed : messages.uncomposed()) {
            claims.settling(failed.entry().notification().id());
            settlement.cannotBeComposed(failed.entry(), failed.why());
        }
        Instant after = clock.instant();
        int sendable = messages.size();
        for (int i = 0; i < sendable; i++) {
            OutboxEntry entry = messages.entry(i);
            claims.settling(entry.notification().id());
            if (withheld.contains(i) || i >= results.size()) {
                settlement.handBack(entry, stopping.getAsBoolean() ? "dispatcher stopped before sending"
                        : "handed back unsent: the claim was running out", after);
            } else {
                settlement.settle(entry, results.get(i), after);
            }
        }
        rethrow(messages.died());
        return claimed.size();
    }

    /** The render stage: each entry of the batch, in order. */
    private void render(List<OutboxEntry> claimed, RenderedMessages messages) {
        Throwable died = null;
        try {
            for (OutboxEntry entry : claimed) {
                try {
                    messages.add(entry, compose(entry.notification()));
                } catch (Exception e) {
                    messages.cannotCompose(entry, e);
                }
            }
        } catch (RuntimeException | Error e) {
            died = e;
        } finally {
            messages.finish(died);
        }
    }

    private MimeMessage compose(Notification n) throws Exception {
        Event event = catalogue.find(n.eventId())
                .orElseThrow(() -> new IllegalStateException("event " + n.eventId() + " is not in the catalogue"));
        Optional<Registration> registration = n.registrationId().flatMap(store::find);
        if (n.registrationId().isPresent() && registration.map(Registration::erased).orElse(true)) {
            throw new IllegalStateException("the registration's personal data is gone");
        }
        return composer.compose(mailer.session(), n, event, registration);
    }

    private static void rethrow(Throwable died) {
        if (died instanceof RuntimeException e) {
            throw e;
        }
        if (died instanceof Error e) {
            throw e;
        }
    }
}
