package de.tomaudit.probe;

import de.tomaudit.i18n.AuditTexts;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An endpoint named on the command line: {@code --probe NAME:PORT[/MODE]}. NAME is the service
 * name (SNI, certificate name, XMPP domain); the connection always goes to the target's probe
 * address, never to NAME. MODE: {@code tls} (default; {@code https} on 443), {@code https},
 * {@code http} (plain, for the redirect check), {@code xmpp-client} / {@code xmpp-server}
 * (STARTTLS), {@code xmpps-client} / {@code xmpps-server} (direct TLS).
 */
public record ProbeSpec(String name, int port, String mode, String text) {
    private static final Pattern FORM = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})(?:/([a-z-]+))?");
    private static final java.util.List<String> MODES = java.util.List.of(
            "tls", "https", "http", "xmpp-client", "xmpp-server", "xmpps-client", "xmpps-server");

    public static ProbeSpec parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(AuditTexts.get("cli.usage.probe", String.valueOf(text)));
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(AuditTexts.get("cli.usage.probe-port", text));
        }
        String mode = m.group(3) == null ? (port == 443 ? "https" : "tls") : m.group(3).toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException(AuditTexts.get("cli.usage.probe-mode", mode, String.join(", ", MODES)));
        }
        String name = m.group(1).replace("[", "").replace("]", "");
        return new ProbeSpec(name, port, mode, text.trim());
    }

    /** The endpoint on the given probe address. */
    public Endpoint endpoint(String address) {
        Endpoint.Protocol p;
        Endpoint.StartTls st = Endpoint.StartTls.NONE;
        boolean tls = true;
        switch (mode) {
            case "https" -> p = Endpoint.Protocol.HTTP;
            case "http" -> {
                p = Endpoint.Protocol.HTTP;
                tls = false;
            }
            case "xmpp-client" -> {
                p = Endpoint.Protocol.XMPP_CLIENT;
                st = Endpoint.StartTls.XMPP_CLIENT;
            }
            case "xmpp-server" -> {
                p = Endpoint.Protocol.XMPP_SERVER;
                st = Endpoint.StartTls.XMPP_SERVER;
            }
            case "xmpps-client" -> p = Endpoint.Protocol.XMPP_CLIENT;
            case "xmpps-server" -> p = Endpoint.Protocol.XMPP_SERVER;
            default -> p = Endpoint.Protocol.OTHER;
        }
        return new Endpoint(address, port, p, st, tls, name, "--probe " + mode, "--probe " + text, Endpoint.Origin.OPTION);
    }
}
