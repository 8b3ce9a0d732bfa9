package de.tomaudit.probe.tls;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate's names cover a service name: RFC 6125 DNS-IDs (a wildcard only as the
 * whole left-most label, never matching more than one label), IP SANs for IP literals, and for
 * XMPP the XmppAddr and SRVName identifiers of RFC 7590 / RFC 6120 section 13.7.1.2.
 */
final class HostnameMatcher {

    private HostnameMatcher() { }

    /**
     * @param dnsNames  DNS SANs (or the CN when the certificate has no DNS SAN)
     * @param ips       IP SANs
     * @param xmppAddrs XmppAddr ids (domain parts)
     * @param srvNames  SRVName ids, e.g. {@code _xmpp-client.example.org}
     */
    static boolean matches(String expected, List<String> dnsNames, List<String> ips, List<String> xmppAddrs,
                           List<String> srvNames) {
        if (expected.isEmpty()) {
            return false;
        }
        if (isIpLiteral(expected)) {
            try {
                InetAddress want = InetAddress.getByName(expected);
                for (String ip : ips) {
                    if (InetAddress.getByName(ip).equals(want)) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                return false;
            }
            return false;
        }
        String host = normalise(expected);
        for (String n : dnsNames) {
            if (dnsMatch(host, normalise(n))) {
                return true;
            }
        }
        for (String x : xmppAddrs) {
            if (host.equals(normalise(x))) {
                return true;
            }
        }
        for (String s : srvNames) {
            String n = normalise(s);
            if (n.startsWith("_xmpp-client.") || n.startsWith("_xmpp-server.")) {
                if (host.equals(n.substring(n.indexOf('.') + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean dnsMatch(String host, String pattern) {
        if (pattern.isEmpty()) {
            return false;
        }
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.org"
        if (suffix.chars().filter(c -> c == '.').count() < 2) {
            return false; // "*.org" and "*." never match
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && !label.contains(".");
    }

    static boolean isIpLiteral(String s) {
        return s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (s.contains(":") && s.matches("[0-9A-Fa-f:.\\[\\]]+"));
    }

    private static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return n;
        }
    }
}
