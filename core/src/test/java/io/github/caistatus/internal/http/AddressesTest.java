package io.github.caistatus.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a public host may never redirect us to, and where plain HTTP is allowed. */
class AddressesTest {

    private static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException(host);
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "[::1]", "[fe80::1]", "[fd12:3456::1]", "[::]"})
    void nonPublicLiteralsAreRecognisedWithoutDns(String host) {
        assertThat(Addresses.isNonPublicHost(URI.create("https://" + host + "/"), NO_DNS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[64:ff9b::a00:1]", "[64:ff9b::808:808]", "[64:ff9b:1::a00:1]", "[2002:c0a8:101::1]",
        "[2002:808:808::1]", "[::a00:1]", "[::808:808]", "192.0.0.1", "192.0.0.255", "198.18.0.1",
        "198.19.255.255", "240.0.0.1", "250.1.2.3", "255.255.255.255", "224.0.0.1", "[ff02::1]"})
    void specialPurposeRangesAreNonPublic(String host) {
        assertThat(Addresses.isNonPublicHost(URI.create("https://" + host + "/"), NO_DNS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"198.17.255.255", "198.20.0.1", "192.0.1.1", "[2001:4860:4860::8888]",
        "[64:ff9c::1]", "[2003::1]"})
    void theNeighboursOfThoseRangesStayPublic(String host) {
        assertThat(Addresses.isNonPublicHost(URI.create("https://" + host + "/"), NO_DNS)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "[2606:4700::1111]", "status.example.com"})
    void publicLiteralsAndUnresolvableNamesCountAsPublic(String host) {
        assertThat(Addresses.isNonPublicHost(URI.create("https://" + host + "/"), NO_DNS)).isFalse();
    }

    @Test
    void aNameResolvingToAPrivateAddressIsNonPublic() throws Exception {
        InetAddress lan = InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 0, 10});

        assertThat(Addresses.isNonPublicHost(URI.create("https://nas.example.test/"), h -> new InetAddress[] {lan}))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://localhost:8080/", "http://api.localhost/", "http://127.0.0.1/", "http://[::1]/"})
    void plainHttpIsAllowedToLoopback(String uri) {
        assertThat(Addresses.schemeAllowed(URI.create(uri), false)).isTrue();
    }

    @Test
    void plainHttpElsewhereNeedsTheOptIn() {
        URI uri = URI.create("http://neo.character.ai/health");

        assertThat(Addresses.schemeAllowed(uri, false)).isFalse();
        assertThat(Addresses.schemeAllowed(uri, true)).isTrue();
    }

    @Test
    void otherSchemesAreNeverAllowed() {
        assertThat(Addresses.schemeAllowed(URI.create("ftp://127.0.0.1/"), true)).isFalse();
    }
}
