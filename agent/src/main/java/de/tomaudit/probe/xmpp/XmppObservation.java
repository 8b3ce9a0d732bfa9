package de.tomaudit.probe.xmpp;

import de.tomaudit.probe.Endpoint;
import java.util.Optional;

/**
 * What an XMPP endpoint offered before TLS (STARTTLS endpoints only) and after TLS.
 *
 * @param beforeTls features on the plain stream; empty for direct TLS
 * @param afterTls  features on the stream inside TLS; empty when TLS could not be reached
 * @param tlsProblem why the features after TLS are missing; empty when they are there
 * @param tlsEstablished the TLS handshake completed (the features after it may still be refused: a server
 *                   with s2s_secure_auth ends an unauthenticated server stream with not-authorized)
 */
public record XmppObservation(Endpoint endpoint, Optional<XmppFeatures> beforeTls, Optional<XmppFeatures> afterTls,
                              String tlsProblem, boolean tlsEstablished) { }
