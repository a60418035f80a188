package nl.learningcommunities.registration.mail;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import jakarta.mail.internet.MimeMessage;

import nl.learningcommunities.registration.notification.OutboxEntry;

/**
 * The messages of one claimed batch, filled in by the render stage while the send stage already reads them: the
 * list a dispatcher hands its {@link Mailer}. Read front to back through its iterator (as {@link SmtpMailer} and
 * {@link FileMailer} do), each message is there as soon as it is rendered, so that the first ones are sent while
 * the rest are still being rendered; anything that needs the whole list ({@link #size()}, {@link #get(int)} past
 * what is rendered, copying it) waits until the batch is rendered. Holds the messages that could be composed, in
 * the order of the batch; the entries that could not be composed are kept aside for settling.
 *
 * <p>Thread-safe: one render thread adds, any thread reads; it never changes once {@linkplain #finish finished}.
 */
final class RenderedMessages extends AbstractList<MimeMessage> {

    /** An entry whose message could not be composed, and why. */
    record Uncomposed(OutboxEntry entry, Exception why) {
    }

    private final List<MimeMessage> messages = new ArrayList<>();
    private final List<OutboxEntry> entries = new ArrayList<>();
    private final List<Uncomposed> uncomposed = new ArrayList<>();
    private boolean finished;
    private Throwable died;

    /** Render stage: the next message of the batch is rendered. */
    synchronized void add(OutboxEntry entry, MimeMessage message) {
        entries.add(entry);
        messages.add(message);
        notifyAll();
    }

    /** Render stage: the next entry of the batch cannot be composed. */
    synchronized void cannotCompose(OutboxEntry entry, Exception why) {
        uncomposed.add(new Uncomposed(entry, why));
    }

    /**
     * Render stage: the batch is rendered, or rendering it stopped on an error.
     *
     * @param error what stopped it, or null when every entry was rendered or found uncomposable
     */
    synchronized void finish(Throwable error) {
        finished = true;
        died = error;
        notifyAll();
    }

    /** Waits until the batch is rendered. */
    synchronized void awaitFinished() {
        awaitCount(Integer.MAX_VALUE);
    }

    /** @return the entry of the message at an index, waiting until that message is rendered */
    synchronized OutboxEntry entry(int index) {
        awaitCount(index + 1);
        return entries.get(index);
    }

    /** @return the entries that could not be composed, in the order of the batch; once the batch is rendered */
    synchronized List<Uncomposed> uncomposed() {
        return List.copyOf(uncomposed);
    }

    /** @return what stopped the render stage before the end of the batch, or null */
    synchronized Throwable died() {
        return died;
    }

    @Override
    public synchronized MimeMessage get(int index) {
        awaitCount(index + 1);
        return messages.get(index);
    }

    @Override
    public synchronized int size() {
        awaitCount(Integer.MAX_VALUE);
        return messages.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        awaitCount(1);
        return messages.isEmpty();
    }

    @Override
    public Iterator<MimeMessage> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                synchronized (RenderedMessages.this) {
                    awaitCount(next + 1);
                    return next < messages.size();
                }
            }

            @Override
            public MimeMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                synchronized (RenderedMessages.this) {
                    return messages.get(next++);
                }
            }
        };
    }

    /** Waits, holding this list's monitor, until it has this many messages or the batch is rendered. */
    private void awaitCount(int count) {
        boolean interrupted = false;
        while (messages.size() < count && !finished) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
