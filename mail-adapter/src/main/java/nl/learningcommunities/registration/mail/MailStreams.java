package nl.learningcommunities.registration.mail;

/**
 * A start-up setting for hosts that send much mail. jakarta.mail-api 2.1 looks up its {@code StreamProvider}
 * with a {@link java.util.ServiceLoader} every time it creates, encodes or writes a body part
 * (jakartaee/mail-api issues 699 and 861), which on this library's messages halves the throughput of rendering
 * and sending. Naming the provider in the system property {@code jakarta.mail.util.StreamProvider} makes
 * Jakarta Mail instantiate it directly instead.
 *
 * <p>The setting is JVM-wide, so the library never makes it on its own: a host calls {@link #nameTheProvider()}
 * once at start-up (the example portal does), or passes
 * {@code -Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider}.
 */
public final class MailStreams {

    /** The system property Jakarta Mail reads before it falls back to the service loader. */
    public static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    /** Angus Mail's implementation, which this adapter depends on. */
    public static final String ANGUS_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreams() {
    }

    /**
     * Names Angus Mail's stream provider in {@value #PROPERTY}, unless the host set that property already.
     * Thread-safe; calling it again changes nothing.
     *
     * @return the provider now named
     */
    public static String nameTheProvider() {
        synchronized (MailStreams.class) {
            String named = System.getProperty(PROPERTY);
            if (named == null || named.isBlank()) {
                System.setProperty(PROPERTY, ANGUS_PROVIDER);
                return ANGUS_PROVIDER;
            }
            return named;
        }
    }
}
