package de.tomaudit.probe.tls;

import java.util.List;

/**
 * What an audit needs to know about the certificate chain of one endpoint.
 *
 * @param expectedName       the service name the leaf must match (host name, XMPP domain, IP literal)
 * @param names              the leaf's names: DNS and IP SANs, XMPP ids, or the CN when there are no SANs
 * @param hostnameMatch      the leaf matches {@code expectedName} (RFC 6125; XMPP: RFC 7590 / 6120 ids too)
 * @param daysLeft           whole days until notAfter (negative when expired)
 * @param trusted            a path from the leaf to an anchor of the system trust store exists
 * @param chainComplete      the server sent every intermediate needed (or the leaf is self-signed)
 * @param trustProblem       why the chain is not trusted; empty when trusted
 * @param keyType            RSA, EC, Ed25519, Ed448, DSA
 * @param signatureAlgorithms the signature algorithm of every certificate the server sent except a self-signed root
 * @param via                {@code jdk} (modern handshake) or {@code handshake} (hand-built TLS 1.2-or-older)
 */
public record CertificateReport(String expectedName, String subject, String issuer, String notBefore, String notAfter,
                                long daysLeft, boolean expired, boolean notYetValid, List<String> names,
                                boolean hostnameMatch, boolean selfSigned, boolean trusted, boolean chainComplete,
                                String trustProblem, int chainLength, String keyType, int keyBits,
                                String signatureAlgorithm, List<String> signatureAlgorithms, String via, String protocol) {

    public CertificateReport {
        names = List.copyOf(names);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
    }
}
