package nl.learningcommunities.registration.examples.portal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Token buckets by key (a client, a user name) in bounded memory: past {@code maxKeys}, the bucket used least
 * recently is forgotten, so that a flood of new keys costs a fixed amount of memory and cannot empty the map at
 * once. Each bucket holds {@code tokens} and gets them back gradually over {@code period}.
 */
final class BoundedBuckets {

    /** An IPv6 literal as Tomcat or a proxy writes it: hex digits, colons, an embedded IPv4 part, a zone. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[0-9A-Za-z._-]+)?");
    private static final int MAX_KEY_LENGTH = 256;

    private final long tokens;
    private final Duration period;
    private final Map<String, Bucket> buckets;

    BoundedBuckets(int maxKeys, long tokens, Duration period) {
        this.tokens = tokens;
        this.period = period;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** @return the bucket of a key, a full one for a key not seen (or forgotten) */
    synchronized Bucket of(String key) {
        String bounded = key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
        return buckets.computeIfAbsent(bounded, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build())
                .build());
    }

    /**
     * Who a request comes from, for counting: its remote address (which is a forwarded client's only when it came
     * through a configured proxy, {@code server.tomcat.remoteip.internal-proxies}); an IPv6 address by its /64
     * network, which one subscriber usually has whole, so that walking through it gives no fresh bucket.
     *
     * @param request the request
     * @return the client's key
     */
    static String clientOf(HttpServletRequest request) {
        return client(request.getRemoteAddr());
    }

    static String client(String address) {
        if (address == null) {
            return "";
        }
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
            return literal;
        }
        int zone = literal.indexOf('%');
        try {
            // A literal with a colon is parsed, never looked up: no DNS query here.
            byte[] bytes = InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone)).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
