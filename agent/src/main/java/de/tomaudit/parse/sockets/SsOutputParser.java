package de.tomaudit.parse.sockets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output of {@code ss -H -tulpn} (iproute2): {@code Netid State Recv-Q Send-Q Local:Port
 * Peer:Port [users:(("name",pid=N,fd=N),…)]}. TCP sockets in LISTEN and UDP sockets in UNCONN
 * are kept; the process column is absent when ss runs without the rights to see it.
 */
public final class SsOutputParser {
    private static final Pattern USER = Pattern.compile("\\(\"((?:[^\"\\\\]|\\\\.)*)\",pid=(\\d+)");

    private SsOutputParser() { }

    public static SocketList parse(String output, String origin) {
        List<ListeningSocket> out = new ArrayList<>();
        List<SocketProblem> problems = new ArrayList<>();
        String[] lines = output.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = origin + ":" + (i + 1);
            String[] f = line.split("\\s+", 7);
            if (f.length < 6) {
                problems.add(new SocketProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.sockets.not-ss", f.length)));
                continue;
            }
            String netid = f[0].toLowerCase(Locale.ROOT);
            String state = f[1].toUpperCase(Locale.ROOT);
            if (!netid.equals("tcp") && !netid.equals("udp")) {
                problems.add(new SocketProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.sockets.type", printable(f[0]))));
                continue;
            }
            boolean listening = netid.equals("tcp") ? state.equals("LISTEN") : state.equals("UNCONN");
            if (!listening) {
                continue;
            }
            Optional<Endpoint> local = endpoint(f[4]);
            if (local.isEmpty()) {
                problems.add(new SocketProblem(where, "unreadable local address '" + printable(f[4]) + "'"));
                continue;
            }
            Optional<String> process = Optional.empty();
            Optional<Long> pid = Optional.empty();
            if (f.length == 7) {
                Matcher m = USER.matcher(f[6]);
                if (m.find()) {
                    process = Optional.of(m.group(1));
                    pid = Optional.of(Long.parseLong(m.group(2)));
                }
            }
            out.add(new ListeningSocket(netid, local.get().address(), local.get().port(), process, pid, where));
        }
        return new SocketList(out, problems);
    }

    record Endpoint(String address, int port) { }

    /** {@code 0.0.0.0:22}, {@code [::]:22}, {@code *:22}, {@code 127.0.0.53%lo:53}, {@code [fe80::1]%eth0:123}. */
    static Optional<Endpoint> endpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (port < 0 || port > 65535) {
            return Optional.empty();
        }
        String addr = text.substring(0, colon);
        String zone = "";
        if (addr.startsWith("[")) {
            int close = addr.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            zone = addr.substring(close + 1);
            addr = addr.substring(1, close);
        } else {
            int pct = addr.indexOf('%');
            if (pct >= 0) {
                zone = addr.substring(pct);
                addr = addr.substring(0, pct);
            }
        }
        if (!addr.equals("*") && InetLiteral.parse(addr).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Endpoint(addr + zone, port));
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
