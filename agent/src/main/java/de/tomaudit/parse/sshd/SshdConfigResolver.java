package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the effective settings of a parsed configuration for one connection context, as sshd
 * does in two passes: first the global section (and {@code Match all}) with the first value of a
 * keyword winning, except for keywords that accumulate (Port, ListenAddress, HostKey, AcceptEnv,
 * …); then the lines of every Match block that applies, whose values replace the global ones.
 * Unset keywords get the OpenSSH 9.2 defaults. Values are shaped as {@code sshd -T} prints them,
 * so both sources can be compared.
 */
public final class SshdConfigResolver {

    private static final Set<String> TIME_KEYWORDS = Set.of("logingracetime", "clientaliveinterval");

    private SshdConfigResolver() { }

    public static SshdSettings resolve(SshdConfig config, MatchContext context) {
        Map<String, List<Directive>> global = new LinkedHashMap<>();
        Map<String, List<Directive>> matched = new LinkedHashMap<>();
        MatchContext startup = MatchContext.none();
        for (Directive d : config.directives()) {
            if (MatchEvaluator.matchesAll(d.matches(), startup)) {
                add(global, d);
            }
        }
        for (Directive d : config.directives()) {
            if (!d.global() && SshdKeywords.allowedInMatch(d.keyword()) && MatchEvaluator.matchesAll(d.matches(), context)) {
                add(matched, d);
            }
        }
        Map<String, List<Directive>> effective = new LinkedHashMap<>(global);
        effective.putAll(matched);

        Map<String, Setting> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Directive>> e : effective.entrySet()) {
            String keyword = e.getKey();
            if (keyword.equals("listenaddress")) {
                continue;
            }
            out.put(keyword, setting(keyword, e.getValue()));
        }
        addDefaults(out);
        out.put("listenaddress", ListenAddresses.resolve(effective.getOrDefault("listenaddress", List.of()),
                out.get("port"), out.get("addressfamily")));
        return new SshdSettings(out);
    }

    /**
     * The effective value of one keyword, the same as {@code resolve(config, context).get(keyword)}
     * but looking only at the lines of that keyword and stopping at the first that wins: a
     * configuration of 30,000 Match blocks is not walked whole for every override shown.
     */
    public static Optional<Setting> resolve(SshdConfig config, MatchContext context, String keyword) {
        if (keyword.equals("listenaddress")) {
            return resolve(config, context).get(keyword);
        }
        boolean accumulates = SshdKeywords.accumulates(keyword);
        boolean inMatch = SshdKeywords.allowedInMatch(keyword);
        MatchContext startup = MatchContext.none();
        List<Directive> global = new ArrayList<>();
        List<Directive> matched = new ArrayList<>();
        for (Directive d : config.directives()) {
            if (!d.keyword().equals(keyword)) {
                continue;
            }
            if ((accumulates || global.isEmpty()) && MatchEvaluator.matchesAll(d.matches(), startup)) {
                global.add(d);
            }
            if (inMatch && !d.global() && (accumulates || matched.isEmpty()) && MatchEvaluator.matchesAll(d.matches(), context)) {
                matched.add(d);
            }
            if (!accumulates && !global.isEmpty() && (!matched.isEmpty() || !inMatch)) {
                break; // the first line of each pass wins: nothing later can change the value
            }
        }
        List<Directive> effective = matched.isEmpty() ? global : matched;
        if (effective.isEmpty()) {
            Map<String, Setting> defaults = new LinkedHashMap<>();
            addDefaults(defaults);
            return Optional.ofNullable(defaults.get(keyword));
        }
        return Optional.of(setting(keyword, effective));
    }

    private static void add(Map<String, List<Directive>> map, Directive d) {
        List<Directive> list = map.computeIfAbsent(d.keyword(), k -> new ArrayList<>());
        if (list.isEmpty() || SshdKeywords.accumulates(d.keyword())) {
            list.add(d);
        }
    }

    private static Setting setting(String keyword, List<Directive> directives) {
        List<SettingSource> sources = directives.stream().map(SettingSource::config).toList();
        if (SshdKeywords.isAlgorithmList(keyword)) {
            AlgorithmLists.Defaults defaults = OpenSsh92Defaults.algorithms(keyword).orElseThrow();
            return new Setting(keyword, AlgorithmLists.assemble(directives.get(0).args().get(0), defaults).names(), sources);
        }
        List<String> values = new ArrayList<>();
        for (Directive d : directives) {
            if (SshdKeywords.perArgument(keyword)) {
                values.addAll(d.args());
            } else if (SshdKeywords.accumulates(keyword)) {
                values.add(d.value());
            } else if (SshdKeywords.isMultistate(keyword)) {
                values.add(SshdKeywords.normaliseValue(keyword, d.args().get(0)));
            } else if (TIME_KEYWORDS.contains(keyword)) {
                values.add(seconds(d.args().get(0)));
            } else {
                values.add(d.value());
            }
        }
        return new Setting(keyword, values, sources);
    }

    private static void addDefaults(Map<String, Setting> out) {
        OpenSsh92Defaults.scalars().forEach((k, v) -> out.computeIfAbsent(k,
                key -> new Setting(key, List.of(v), List.of(SettingSource.byDefault(key, v)))));
        for (String k : List.of("kexalgorithms", "ciphers", "macs", "hostkeyalgorithms", "pubkeyacceptedalgorithms",
                "hostbasedacceptedalgorithms", "casignaturealgorithms")) {
            out.computeIfAbsent(k, key -> {
                List<String> names = OpenSsh92Defaults.algorithms(key).orElseThrow().defaults();
                return new Setting(key, names, List.of(SettingSource.byDefault(key, String.join(",", names))));
            });
        }
        out.computeIfAbsent("port", k -> new Setting(k, List.of(OpenSsh92Defaults.PORT),
                List.of(SettingSource.byDefault(k, OpenSsh92Defaults.PORT))));
        out.computeIfAbsent("hostkey", k -> new Setting(k, OpenSsh92Defaults.HOST_KEYS,
                OpenSsh92Defaults.HOST_KEYS.stream().map(p -> SettingSource.byDefault(k, p)).toList()));
    }

    /** convtime: {@code 2m} is 120, {@code 1h30m} is 5400, a bare number is seconds. */
    static String seconds(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        long total = 0;
        long current = 0;
        boolean digits = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isDigit(c)) {
                current = current * 10 + (c - '0');
                digits = true;
                if (current > Integer.MAX_VALUE) {
                    return value;
                }
                continue;
            }
            if (!digits) {
                return value;
            }
            long unit = switch (c) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                case 'w' -> 604_800;
                default -> -1;
            };
            if (unit < 0) {
                return value;
            }
            total += current * unit;
            current = 0;
            digits = false;
        }
        return String.valueOf(total + current);
    }
}
