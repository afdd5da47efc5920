package io.github.caistatus.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name, for the redirect rules. Internal: not part of the public API; injectable for tests.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * Resolves {@code host}.
     *
     * @param host a name or a literal address
     * @return its addresses, never empty
     * @throws UnknownHostException if it does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
