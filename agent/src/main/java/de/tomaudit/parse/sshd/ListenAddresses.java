package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The addresses sshd listens on, as {@code sshd -T} prints them ({@code 127.0.0.1:22},
 * {@code [::1]:22}): every ListenAddress without a port is combined with every Port, and without
 * any ListenAddress sshd listens on the wildcard addresses of the address family. Names are kept
 * as written (never resolved). In the order sshd -T prints them.
 */
final class ListenAddresses {

    private ListenAddresses() { }

    static Setting resolve(List<Directive> listen, Setting ports, Setting family) {
        List<String> portList = ports.values();
        String af = family == null ? "any" : family.value().toLowerCase(Locale.ROOT);
        List<List<String>> calls = new ArrayList<>();
        List<SettingSource> sources = new ArrayList<>();
        if (listen.isEmpty()) {
            for (String p : portList) {
                List<String> call = new ArrayList<>();
                if (!af.equals("inet")) {
                    call.add("[::]:" + p);
                }
                if (!af.equals("inet6")) {
                    call.add("0.0.0.0:" + p);
                }
                calls.add(call);
            }
            sources.addAll(ports.sources());
        } else {
            for (Directive d : listen) {
                sources.add(SettingSource.config(d));
                String spec = d.args().get(0);
                String rdomain = d.args().size() >= 3 && d.args().get(1).equals("rdomain") ? " rdomain " + d.args().get(2) : "";
                String host;
                String port = null;
                int firstColon = spec.indexOf(':');
                if (!spec.startsWith("[") && firstColon >= 0 && spec.indexOf(':', firstColon + 1) >= 0) {
                    host = spec;
                } else if (spec.startsWith("[")) {
                    int close = spec.indexOf(']');
                    host = close < 0 ? spec.substring(1) : spec.substring(1, close);
                    if (close >= 0 && close + 1 < spec.length() && spec.charAt(close + 1) == ':') {
                        port = spec.substring(close + 2);
                    }
                } else if (firstColon >= 0) {
                    host = spec.substring(0, firstColon);
                    port = spec.substring(firstColon + 1);
                } else {
                    host = spec;
                }
                String shown = host.indexOf(':') >= 0 ? "[" + host.toLowerCase(Locale.ROOT) + "]" : host;
                for (String p : port == null ? portList : List.of(port)) {
                    calls.add(List.of(shown + ":" + p + rdomain));
                }
            }
        }
        List<String> out = new ArrayList<>();
        calls.forEach(out::addAll);
        return new Setting("listenaddress", out, sources);
    }
}
