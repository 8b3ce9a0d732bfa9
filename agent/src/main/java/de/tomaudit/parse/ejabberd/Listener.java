package de.tomaudit.parse.ejabberd;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code listen} with ejabberd 23.01's defaults applied (ejabberd_listener and the module's
 * listen_options: ip 0.0.0.0, transport tcp, tls/starttls/starttls_required false) and, for c2s and s2s,
 * the global {@code c2s_/s2s_protocol_options} and {@code c2s_/s2s_ciphers}, which replace the listener's.
 *
 * @param port               the port number, or the text written (e.g. {@code unix:...})
 * @param protocolOptions    effective TLS protocol options; empty when ejabberd's default applies
 * @param protocolOptionsSource where they come from ({@code file:line} or {@code default: ...})
 * @param optionLocs         where each option of the listener took effect (its key's line, or the
 *                           macro's use site), so evidence cites the deciding line, not the listener's first
 */
public record Listener(String port, Optional<Long> portNumber, String ip, String transport, String module, boolean tls,
                       boolean starttls, boolean starttlsRequired, List<String> protocolOptions,
                       String protocolOptionsSource, Optional<String> ciphers, List<RequestHandler> handlers, Loc loc,
                       java.util.Map<String, Loc> optionLocs) {

    public Listener {
        protocolOptions = List.copyOf(protocolOptions);
        handlers = List.copyOf(handlers);
        optionLocs = java.util.Map.copyOf(optionLocs);
    }

    /** Where the option took effect, or the listener's own line when it is not set. */
    public Loc locOf(String option) {
        return optionLocs.getOrDefault(option, loc);
    }

    /** An HTTP request handler: path and module ({@code /admin: ejabberd_web_admin}). */
    public record RequestHandler(String path, String module, Loc loc) { }

    /** Bound to something other than loopback (a wildcard counts as public). */
    public boolean isPublic() {
        return !Addresses.isLoopback(ip);
    }

    public boolean serves(String handlerModule) {
        return handlers.stream().anyMatch(h -> h.module().equals(handlerModule));
    }

    public boolean isC2s() {
        return module.equals("ejabberd_c2s");
    }

    public boolean isS2s() {
        return module.equals("ejabberd_s2s_in");
    }

    public boolean isHttp() {
        return module.equals("ejabberd_http");
    }

    /**
     * TLS is offered on this listener at all: direct TLS, or STARTTLS. A 23.01 c2s listener offers STARTTLS
     * only with {@code starttls} or {@code starttls_required} (seen on the test bed: without them its stream
     * features list SASL PLAIN and no STARTTLS); an s2s listener offers it whenever s2s_use_starttls allows.
     */
    public boolean offersTls() {
        return tls || starttls || starttlsRequired || isS2s();
    }
}
