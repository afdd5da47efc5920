package io.github.caistatus.internal.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which hosts count as loopback or private, for the transport rules. Internal: not part of the public API.
 */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Whether a URI's host is loopback without asking DNS: {@code localhost}, {@code *.localhost}, or a literal
     * loopback address.
     *
     * @param uri the address
     * @return true for loopback hosts
     */
    public static boolean isLoopbackHost(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        return literal(h).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /**
     * Whether plain HTTP to this address is allowed: always for loopback hosts, otherwise only on opt-in.
     *
     * @param uri          the address
     * @param allowInsecure the explicit opt-in
     * @return true if the scheme may be used
     */
    public static boolean schemeAllowed(URI uri, boolean allowInsecure) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        return scheme.equals("http") && (allowInsecure || isLoopbackHost(uri));
    }

    /**
     * Whether an address is not a public unicast address: loopback, private (RFC 1918, fc00::/7), link-local,
     * carrier-grade NAT (100.64/10), the wildcard, multicast, and the special-purpose ranges that can reach or
     * stand for private hosts: IETF protocol assignments {@code 192.0.0.0/24}, documentation nets,
     * benchmarking {@code 198.18.0.0/15}, reserved {@code 240.0.0.0/4} and broadcast; in IPv6 also NAT64
     * ({@code 64:ff9b::/96}, {@code 64:ff9b:1::/48}), 6to4 ({@code 2002::/16}), IPv4-compatible ({@code ::/96}),
     * IPv4-mapped and site-local addresses. Addresses embedding an IPv4 address are judged non-public outright:
     * what they lead to depends on a gateway we cannot see.
     *
     * @param a the address
     * @return true for addresses a public host must never send us to
     */
    public static boolean isNonPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            return first == 0
                    || (first == 100 && second >= 64 && second < 128)    // carrier-grade NAT
                    || (first == 192 && second == 0 && third == 0)       // IETF protocol assignments
                    || (first == 192 && second == 0 && third == 2)       // TEST-NET-1
                    || (first == 198 && (second == 18 || second == 19))  // benchmarking
                    || (first == 198 && second == 51 && third == 100)    // TEST-NET-2
                    || (first == 203 && second == 0 && third == 113)     // TEST-NET-3
                    || first >= 240;                                     // reserved, and 255.255.255.255
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return true; // 6to4 2002::/16
            }
            if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                boolean wellKnown = true;
                for (int i = 4; i < 12; i++) {
                    wellKnown &= b[i] == 0;
                }
                boolean localUse = b[4] == 0 && b[5] == 1; // 64:ff9b:1::/48
                if (wellKnown || localUse) {
                    return true; // NAT64
                }
            }
            boolean zero80 = true;
            for (int i = 0; i < 10; i++) {
                zero80 &= b[i] == 0;
            }
            // IPv4-compatible ::/96 (first 96 bits zero) and IPv4-mapped ::ffff:0:0/96
            return zero80 && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff));
        }
        return false;
    }

    /**
     * Whether a host is non-public: a loopback name, a non-public literal, or a name that resolves to a non-public
     * address. A name that does not resolve counts as public: we cannot prove otherwise, and the stricter reading
     * is the safe one when deciding whether a redirect away from it may go somewhere private.
     *
     * @param uri      the address whose host is judged
     * @param resolver resolves names
     * @return true if the host is loopback or private
     */
    public static boolean isNonPublicHost(URI uri, HostResolver resolver) {
        if (isLoopbackHost(uri)) {
            return true;
        }
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        Optional<InetAddress> lit = literal(host);
        if (lit.isPresent()) {
            return isNonPublic(lit.get());
        }
        try {
            for (InetAddress a : resolver.resolve(host)) {
                if (isNonPublic(a)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /** A literal IPv4 or IPv6 address, parsed without any DNS lookup. */
    static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.indexOf(':') >= 0 && h.matches("[0-9a-fA-F:.%a-zA-Z0-9]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // getByName does not query DNS for a literal address
            return Optional.of(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
