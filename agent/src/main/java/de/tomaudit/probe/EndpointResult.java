package de.tomaudit.probe;

import de.tomaudit.probe.http.HttpObservation;
import de.tomaudit.probe.tls.CertificateReport;
import de.tomaudit.probe.tls.TlsScan;
import de.tomaudit.probe.xmpp.XmppObservation;
import java.util.Optional;

/**
 * Everything probed on one endpoint; each part is an {@link Attempt} (value or failure), absent
 * where it does not apply (no TLS enumeration on plain HTTP, no XMPP probe on HTTPS). The TLS
 * enumeration runs once per port: only the first endpoint of a port carries it.
 */
public record EndpointResult(Endpoint endpoint, Status status, String reason, Optional<Attempt<TlsScan>> scan,
                             Optional<Attempt<CertificateReport>> certificate, Optional<Attempt<XmppObservation>> xmpp,
                             Optional<Attempt<HttpObservation>> http) {

    public enum Status {
        PROBED("probed"), ERROR("error"), SKIPPED("skipped");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static EndpointResult skipped(Endpoint e, String reason) {
        return new EndpointResult(e, Status.SKIPPED, reason, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static EndpointResult error(Endpoint e, String reason) {
        return new EndpointResult(e, Status.ERROR, reason, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
