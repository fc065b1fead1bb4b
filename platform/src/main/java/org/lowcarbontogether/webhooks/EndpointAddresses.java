package org.lowcarbontogether.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which URLs webhooks may be sent to, checked when an endpoint is registered and again before every attempt (a name
 * may resolve elsewhere by then): an absolute {@code https} URL without user information or fragment, whose host
 * resolves only to public unicast addresses — never loopback, private (RFC 1918, unique local), shared (100.64/10),
 * link-local (cloud metadata at 169.254.169.254 included), multicast, unspecified or reserved ones — so an owner
 * cannot make the platform call into its own network (SSRF). With {@code lct.webhooks.allow-private-addresses} (tests,
 * development) such addresses are allowed, and for them alone plain {@code http}.
 * <p>
 * The connection resolves the name again through {@link #connecting()}, which applies the same rule to the addresses it
 * connects to: a name whose answer changes between the check and the connection (DNS rebinding) is refused there.
 */
@Component
class EndpointAddresses {

    /** Looks a host name up (the system resolver in production). */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    static final int MAX_URL_LENGTH = 2000;

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Autowired
    EndpointAddresses(WebhookProperties properties) {
        this(properties.allowPrivateAddresses(), host -> List.of(InetAddress.getAllByName(host)));
    }

    EndpointAddresses(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** An address the connection was refused at the moment of connecting, with the refusal's code. */
    static final class RefusedAddress extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        private final String code;

        RefusedAddress(String host, String code) {
            super(host + ": " + code);
            this.code = code;
        }
    }

    /**
     * The resolver the webhook connections use: the addresses of a host when webhooks may go to all of them, otherwise a
     * {@link RefusedAddress}, so nothing is connected to that the check would refuse.
     */
    DnsResolver connecting() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                List<InetAddress> found = resolver.resolve(name);
                if (found.isEmpty()) {
                    throw new RefusedAddress(name, "webhook-url-unresolvable");
                }
                if (!allowPrivate && found.stream().anyMatch(EndpointAddresses::internal)) {
                    throw new RefusedAddress(name, "webhook-url-private");
                }
                return found.toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host; // no reverse look-ups: nothing here needs a canonical name
            }
        };
    }

    /** The refusal code when a connection failed because its address was refused, otherwise null. */
    static @Nullable String refusedAtConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedAddress refused) {
                return refused.code;
            }
        }
        return null;
    }

    /** The URL as given, once it is one webhooks may be sent to; otherwise refused, naming the field {@code url}. */
    URI accept(String url) {
        URI uri = parse(url);
        String problem = problem(uri);
        if (problem != null) {
            throw Refusal.unacceptable(problem, "url", url);
        }
        return uri;
    }

    /** Why webhooks may not be sent to this URL now, as a refusal code; null when they may. */
    @Nullable
    String problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute()
                || host == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            return "webhook-url-invalid";
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "webhook-url-unresolvable";
        }
        if (addresses.isEmpty()) {
            return "webhook-url-unresolvable";
        }
        boolean internal = addresses.stream().anyMatch(EndpointAddresses::internal);
        if (internal && !allowPrivate) {
            return "webhook-url-private";
        }
        if (scheme.equals("http") && !(allowPrivate && addresses.stream().allMatch(EndpointAddresses::internal))) {
            return "webhook-url-not-https";
        }
        return null;
    }

    private static URI parse(String url) {
        if (url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw Refusal.invalid("webhook-url-invalid", "url", url);
        }
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw Refusal.invalid("webhook-url-invalid", "url", url);
        }
    }

    /** Whether an address is anything but a public unicast one. */
    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this" network
                    || (first == 100 && second >= 64 && second < 128) // shared address space (carrier-grade NAT)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 2) // TEST-NET-1
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || (first == 198 && second == 51 && (b[2] & 0xff) == 100) // TEST-NET-2
                    || (first == 203 && second == 0 && (b[2] & 0xff) == 113) // TEST-NET-3
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return true; // documentation 2001:db8::/32
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4: judged by the IPv4 address it carries
                return internal(embedded(b, 2));
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return internal(embedded(b, 12)); // NAT64 64:ff9b::/96
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            if (zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                return internal(embedded(b, 12)); // IPv4-compatible and IPv4-mapped
            }
        }
        return false;
    }

    private static InetAddress embedded(byte[] address, int from) {
        try {
            return InetAddress.getByAddress(
                    new byte[] {address[from], address[from + 1], address[from + 2], address[from + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are an IPv4 address", e);
        }
    }
}
