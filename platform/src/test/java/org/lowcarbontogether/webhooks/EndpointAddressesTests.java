package org.lowcarbontogether.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.shared.Refusal;

/**
 * Where webhooks may go: https to public addresses only; every kind of internal address refused (SSRF), also behind a
 * name that resolves to one, or to several of which one is internal; plain http only to internal addresses and only
 * when they are allowed (tests and development).
 */
class EndpointAddressesTests {

    /** Names resolved as a test says, never by DNS. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "partner.example", List.of("93.184.216.34"),
            "internal.example", List.of("10.1.2.3"),
            "mixed.example", List.of("93.184.216.34", "192.168.1.10"));

    private static EndpointAddresses addresses(boolean allowPrivate) {
        return new EndpointAddresses(allowPrivate, host -> {
            var names = NAMES.get(host);
            if (names != null) {
                return names.stream().map(EndpointAddressesTests::literal).toList();
            }
            if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
                return List.of(InetAddress.getByName(host)); // a literal: no lookup
            }
            throw new UnknownHostException(host);
        });
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String problem(boolean allowPrivate, String url) {
        return String.valueOf(addresses(allowPrivate).problem(URI.create(url)));
    }

    @Test
    void acceptsHttpsToPublicAddresses() {
        assertThat(addresses(false).accept("https://partner.example/webhooks/lct"))
                .isEqualTo(URI.create("https://partner.example/webhooks/lct"));
        assertThat(problem(false, "https://93.184.216.34:8443/hook")).isEqualTo("null");
        assertThat(problem(false, "https://[2606:4700:4700::1111]/hook")).isEqualTo("null");
    }

    @Test
    void refusesEveryInternalAddress() {
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://127.8.9.10/hook",
                "https://[::1]/hook",
                "https://0.0.0.0/hook",
                "https://[::]/hook",
                "https://10.0.0.5/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://[fe80::1]/hook",
                "https://[fd00::1]/hook",
                "https://100.64.0.1/hook",
                "https://224.0.0.1/hook",
                "https://[ff02::1]/hook",
                "https://255.255.255.255/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[::ffff:10.0.0.1]/hook",
                "https://[64:ff9b::a00:1]/hook",
                "https://[2002:c0a8:101::1]/hook",
                "https://internal.example/hook",
                "https://mixed.example/hook")) {
            assertThat(problem(false, url)).as(url).isEqualTo("webhook-url-private");
            assertThat(problem(true, url)).as(url + " when allowed").isEqualTo("null");
        }
    }

    @Test
    void refusesPlainHttpExceptToAllowedInternalAddresses() {
        assertThat(problem(false, "http://partner.example/hook")).isEqualTo("webhook-url-not-https");
        assertThat(problem(true, "http://partner.example/hook")).isEqualTo("webhook-url-not-https");
        assertThat(problem(true, "http://mixed.example/hook")).isEqualTo("webhook-url-not-https");
        assertThat(problem(false, "http://127.0.0.1:8080/hook")).isEqualTo("webhook-url-private");
        assertThat(problem(true, "http://127.0.0.1:8080/hook")).isEqualTo("null");
    }

    @Test
    void refusesWhatIsNotAWebhookAddress() {
        for (String url : List.of(
                "ftp://partner.example/hook",
                "https://user:password@partner.example/hook",
                "https://partner.example/hook#part",
                "/relative/hook",
                "file:///etc/passwd")) {
            assertThat(problem(false, url)).as(url).isEqualTo("webhook-url-invalid");
        }
        assertThat(problem(false, "https://nowhere.example/hook")).isEqualTo("webhook-url-unresolvable");
        assertThatThrownBy(() -> addresses(false).accept("https://partner.example/" + "a".repeat(2000)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("webhook-url-invalid"));
        assertThatThrownBy(() -> addresses(false).accept("https://10.0.0.5/hook"))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.UNACCEPTABLE);
                    assertThat(r.code()).isEqualTo("webhook-url-private");
                    assertThat(r.violations().getFirst().field()).isEqualTo("url");
                });
    }
}
