package de.tomaudit.parse.ejabberd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ejabberd's configuration after what ejabberd 23.01 does before validating it: includes expanded
 * (with {@code allow_only}/{@code disallow}), macros replaced, the files of the contrib modules
 * directory appended, duplicated list options concatenated, {@code host_config} and
 * {@code append_host_config} split off per host. No defaults are applied here.
 */
public final class EjabberdConfig {
    private final String mainFile;
    private final List<String> files;
    private final Map<String, Option> global;
    private final Map<String, Map<String, Option>> hostOptions;
    private final List<String> hosts;
    private final Map<String, Loc> macros;
    private final List<ConfigProblem> problems;

    EjabberdConfig(String mainFile, List<String> files, Map<String, Option> global,
                   Map<String, Map<String, Option>> hostOptions, List<String> hosts, Map<String, Loc> macros,
                   List<ConfigProblem> problems) {
        this.mainFile = mainFile;
        this.files = List.copyOf(files);
        this.global = Collections.unmodifiableMap(new LinkedHashMap<>(global));
        Map<String, Map<String, Option>> h = new LinkedHashMap<>();
        hostOptions.forEach((k, v) -> h.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.hostOptions = Collections.unmodifiableMap(h);
        this.hosts = List.copyOf(hosts);
        this.macros = Collections.unmodifiableMap(new LinkedHashMap<>(macros));
        this.problems = List.copyOf(problems);
    }

    public String mainFile() {
        return mainFile;
    }

    /** Every file read, main file first, in the order read. */
    public List<String> files() {
        return files;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The first fatal problem: the effective configuration is then unknown. */
    public Optional<ConfigProblem> fatalProblem() {
        return problems.stream().filter(ConfigProblem::fatal).findFirst();
    }

    /** The served XMPP domains ({@code hosts}). */
    public List<String> hosts() {
        return hosts;
    }

    /** Macro names and where each was defined. */
    public Map<String, Loc> macros() {
        return macros;
    }

    /** Top-level options, in file order (host_config and append_host_config excluded). */
    public Map<String, Option> globalOptions() {
        return global;
    }

    public Optional<Option> global(String key) {
        return Optional.ofNullable(global.get(key));
    }

    /** The option for one host: its host_config/append_host_config value, else the global one. */
    public Optional<Option> forHost(String key, String host) {
        Map<String, Option> h = hostOptions.get(host);
        if (h != null && h.containsKey(key)) {
            return Optional.of(h.get(key));
        }
        return global(key);
    }

    /** Hosts whose host_config or append_host_config sets this option, with that value. */
    public List<Map.Entry<String, Option>> hostOverrides(String key) {
        List<Map.Entry<String, Option>> out = new ArrayList<>();
        hostOptions.forEach((host, opts) -> {
            if (opts.containsKey(key)) {
                out.add(Map.entry(host, opts.get(key)));
            }
        });
        return out;
    }

    /** Hosts named in host_config or append_host_config. */
    public Map<String, Map<String, Option>> hostOptions() {
        return hostOptions;
    }
}
