package de.tomaudit.probe.tls;

import de.tomaudit.probe.Endpoint;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the enumeration found on one endpoint.
 *
 * @param accepted     per version, the suites the server accepted (empty: version not supported)
 * @param order        per version with two or more suites: {@code server} or {@code client} preference
 * @param groupsTls13  groups a TLS 1.3 server selects, in its order of preference
 * @param curvesLegacy curves an ECDHE ServerKeyExchange names (TLS 1.2 and older), in preference order
 * @param dhPrimeBits  size of the DHE prime in a ServerKeyExchange (TLS 1.2 and older), when DHE is accepted
 * @param chain        DER certificates seen in a TLS 1.2-or-older handshake (leaf first), possibly empty
 * @param chainVersion the version of that handshake (the highest one with a certificate), empty without a chain
 * @param notes        oddities worth reporting that did not stop the scan
 */
public record TlsScan(Endpoint endpoint, Map<TlsVersion, List<TlsSuite>> accepted, Map<TlsVersion, String> order,
                      List<Integer> groupsTls13, List<Integer> curvesLegacy, Optional<Integer> dhPrimeBits,
                      List<byte[]> chain, Optional<TlsVersion> chainVersion, List<String> notes) {

    public TlsScan {
        Map<TlsVersion, List<TlsSuite>> a = new EnumMap<>(TlsVersion.class);
        accepted.forEach((k, v) -> a.put(k, List.copyOf(v)));
        accepted = Collections.unmodifiableMap(a);
        order = Collections.unmodifiableMap(order.isEmpty() ? new EnumMap<>(TlsVersion.class) : new EnumMap<>(order));
        groupsTls13 = List.copyOf(groupsTls13);
        curvesLegacy = List.copyOf(curvesLegacy);
        chain = List.copyOf(chain);
        notes = List.copyOf(notes);
    }

    public boolean supports(TlsVersion v) {
        return !accepted.getOrDefault(v, List.of()).isEmpty();
    }

    public List<TlsVersion> versions() {
        return accepted.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }
}
