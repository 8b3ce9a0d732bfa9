package de.tomaudit.processors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The maintained table of well-known providers ({@code processors/known-providers.yaml}): host
 * name suffix to provider and the country of its seat. {@link #classify(String)} tells, for a
 * host a configuration names, whether sending personal data there is a transfer to a third
 * country (GDPR Art. 44). Unknown hosts are "unknown: document by hand"; this machine and private
 * addresses are local. Never does a DNS lookup.
 */
public final class KnownProviders {
    /** EU member states and the further EEA states (ISO 3166-1 alpha-2). */
    static final Set<String> EU_EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");
    private static final KnownProviders DEFAULT = load();

    private record Entry(String suffix, String provider, String jurisdiction, String source) { }

    private final List<Entry> entries;

    private KnownProviders(List<Entry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.suffix.length()).reversed()).toList();
    }

    /** Classifies a host name (or URL host) with the shipped table. */
    public static Classification classify(String host) {
        return DEFAULT.lookup(host);
    }

    /** How many providers the shipped table knows (for the README and tests). */
    public static int size() {
        return DEFAULT.entries.size();
    }

    public Classification lookup(String rawHost) {
        String host = rawHost == null ? "" : rawHost.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return new Classification("", "unknown", Classification.UNKNOWN_TRANSFER, "");
        }
        if (isLocal(host)) {
            return new Classification("this machine or a private network", "local", "none (local)", "");
        }
        for (Entry e : entries) {
            if (host.equals(e.suffix) || host.endsWith("." + e.suffix)) {
                String transfer = EU_EEA.contains(e.jurisdiction) ? "EU/EEA" : "third country (Art. 44)";
                return new Classification(e.provider, e.jurisdiction, transfer, e.source);
            }
        }
        return new Classification("", "unknown", Classification.UNKNOWN_TRANSFER, "");
    }

    static boolean isLocal(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("/")
                || host.endsWith(".local") || host.endsWith(".internal") || !host.contains(".") && !host.contains(":")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc);
        } catch (IOException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static KnownProviders load() {
        try (InputStream in = KnownProviders.class.getResourceAsStream("/processors/known-providers.yaml")) {
            if (in == null) {
                throw new IllegalStateException("processors/known-providers.yaml missing from the jar");
            }
            Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            List<Entry> out = new ArrayList<>();
            for (Object o : (List<Object>) root.get("providers")) {
                Map<String, Object> m = (Map<String, Object>) o;
                out.add(new Entry(String.valueOf(m.get("suffix")).toLowerCase(Locale.ROOT), String.valueOf(m.get("provider")),
                        String.valueOf(m.get("jurisdiction")), String.valueOf(m.get("source"))));
            }
            return new KnownProviders(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
