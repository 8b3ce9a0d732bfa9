package de.tomaudit.probe;

import java.util.Objects;

/**
 * One network service to probe on the target's probe address.
 *
 * @param address  where to connect: always the target's probe host (LocalTarget: 127.0.0.1)
 * @param port     TCP port
 * @param protocol what speaks on it after (or without) TLS
 * @param startTls the plain-text upgrade before TLS, if any
 * @param tls      whether TLS is expected at all (false: a plain HTTP listener, probed for its redirect)
 * @param name     the service name: SNI, the name the certificate must carry, the XMPP domain; may be empty
 * @param service  display name, e.g. {@code nginx https}, {@code prosody c2s}
 * @param source   where the endpoint was declared ({@code /etc/nginx/sites-enabled/x:12}, {@code default}, {@code --probe})
 * @param origin   how it was found; a default port that refuses the connection is skipped, a declared one is an error
 */
public record Endpoint(String address, int port, Protocol protocol, StartTls startTls, boolean tls, String name,
                       String service, String source, Origin origin) {

    public enum Protocol { XMPP_CLIENT, XMPP_SERVER, HTTP, OTHER }

    public enum StartTls {
        NONE("none"), XMPP_CLIENT("xmpp-client"), XMPP_SERVER("xmpp-server");

        private final String text;

        StartTls(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static java.util.Optional<StartTls> parse(String s) {
            for (StartTls t : values()) {
                if (t.text.equals(s)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public enum Origin { DECLARED, DEFAULT, OPTION }

    public Endpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(startTls, "startTls");
        name = name == null ? "" : name;
        service = service == null ? "" : service;
        source = source == null ? "" : source;
        Objects.requireNonNull(origin, "origin");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code 127.0.0.1:443}, {@code [::1]:443}: the evidence source is {@code probe: } plus this. */
    public String id() {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /** {@code 127.0.0.1:5222 (prosody c2s, localhost)} for messages. */
    public String label() {
        String extra = service.isEmpty() ? name : name.isEmpty() ? service : service + ", " + name;
        return extra.isEmpty() ? id() : id() + " (" + extra + ")";
    }

    public boolean isXmpp() {
        return protocol == Protocol.XMPP_CLIENT || protocol == Protocol.XMPP_SERVER;
    }

    /** How TLS starts here: {@code starttls}, {@code direct}, or {@code none}. */
    public String tlsMode() {
        return !tls ? "none" : startTls == StartTls.NONE ? "direct" : "starttls";
    }
}
