package de.tomaudit.parse.sockets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's socket tables {@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}:
 * a header, then per socket {@code sl local rem st …}. Addresses are hex in the host's byte
 * order per 32-bit word (little-endian on x86 and arm64, which this assumes), ports hex in
 * network order. TCP state {@code 0A} is LISTEN; a UDP socket in state {@code 07} with no peer
 * is bound and unconnected, i.e. receiving. Processes are not known from these files.
 */
public final class ProcNetParser {

    private ProcNetParser() { }

    /** @param proto {@code tcp} or {@code udp} */
    public static SocketList parse(String text, String proto, String path) {
        List<ListeningSocket> out = new ArrayList<>();
        List<SocketProblem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("sl ")) {
                continue;
            }
            String where = path + ":" + (i + 1);
            String[] f = line.split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                problems.add(new SocketProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.sockets.not-line")));
                continue;
            }
            Optional<Hex> local = hex(f[1]);
            Optional<Hex> remote = hex(f[2]);
            if (local.isEmpty() || remote.isEmpty() || !f[3].matches("[0-9A-Fa-f]{2}")) {
                problems.add(new SocketProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.sockets.unreadable")));
                continue;
            }
            int state = Integer.parseInt(f[3], 16);
            boolean listening = proto.equals("tcp") ? state == 0x0A : state == 0x07 && remote.get().port() == 0;
            if (listening) {
                out.add(new ListeningSocket(proto, local.get().address(), local.get().port(), Optional.empty(),
                        Optional.empty(), where));
            }
        }
        return new SocketList(out, problems);
    }

    record Hex(String address, int port) { }

    static Optional<Hex> hex(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String a = field.substring(0, colon);
        String p = field.substring(colon + 1);
        if ((a.length() != 8 && a.length() != 32) || !a.matches("[0-9A-Fa-f]+") || !p.matches("[0-9A-Fa-f]{4}")) {
            return Optional.empty();
        }
        byte[] bytes = new byte[a.length() / 2];
        for (int word = 0; word < a.length() / 8; word++) {
            for (int b = 0; b < 4; b++) {
                int hexPos = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(a.substring(hexPos, hexPos + 2), 16);
            }
        }
        try {
            String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
            return Optional.of(new Hex(canonical(text, bytes), Integer.parseInt(p, 16)));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Java prints :: as 0:0:0:0:0:0:0:0; use the short forms ss prints. */
    private static String canonical(String text, byte[] bytes) {
        if (bytes.length == 4) {
            return text;
        }
        return Ipv6Text.compress(bytes);
    }
}
