package de.tomaudit.parse.ejabberd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What matters for exposure and secrets in the Erlang VM arguments ejabberdctl passes on
 * ({@code ERL_OPTIONS}, word-split as the shell does with the unquoted variable):
 * {@code -kernel inet_dist_use_interface {127,0,0,1}}, {@code -kernel inet_dist_listen_min/max N},
 * {@code -setcookie COOKIE}, {@code -proto_dist inet6_tcp}.
 */
public record ErlOptions(Optional<String> distInterface, Optional<Long> listenMin, Optional<Long> listenMax,
                         Optional<String> cookie, boolean ipv6) {

    public static ErlOptions parse(String text) {
        String[] w = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        Optional<String> iface = Optional.empty();
        Optional<Long> min = Optional.empty();
        Optional<Long> max = Optional.empty();
        Optional<String> cookie = Optional.empty();
        boolean ipv6 = false;
        for (int i = 0; i < w.length; i++) {
            if (w[i].equals("-kernel") && i + 2 < w.length) {
                String par = w[i + 1];
                String val = w[i + 2];
                switch (par) {
                    case "inet_dist_use_interface" -> iface = tupleAddress(val).or(() -> Optional.of(val));
                    case "inet_dist_listen_min" -> min = number(val);
                    case "inet_dist_listen_max" -> max = number(val);
                    default -> { }
                }
                i += 2;
            } else if (w[i].equals("-setcookie") && i + 1 < w.length) {
                cookie = Optional.of(w[i + 1]);
                i++;
            } else if (w[i].equals("-proto_dist") && i + 1 < w.length) {
                ipv6 = w[i + 1].startsWith("inet6");
                i++;
            }
        }
        return new ErlOptions(iface, min, max, cookie, ipv6);
    }

    /** {@code {127,0,0,1}} or an eight-element IPv6 tuple as an address text; empty when not a tuple of numbers. */
    public static Optional<String> tupleAddress(String tuple) {
        String t = tuple.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return Optional.empty();
        }
        String[] parts = t.substring(1, t.length() - 1).split(",");
        List<Long> n = new ArrayList<>();
        for (String p : parts) {
            Optional<Long> v = number(p.trim());
            if (v.isEmpty()) {
                return Optional.empty();
            }
            n.add(v.get());
        }
        if (n.size() == 4 && n.stream().allMatch(x -> x >= 0 && x <= 255)) {
            return Optional.of(n.get(0) + "." + n.get(1) + "." + n.get(2) + "." + n.get(3));
        }
        if (n.size() == 8 && n.stream().allMatch(x -> x >= 0 && x <= 0xffff)) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                b.append(i == 0 ? "" : ":").append(Long.toHexString(n.get(i)));
            }
            return Optional.of(b.toString().equals("0:0:0:0:0:0:0:1") ? "::1"
                    : b.toString().equals("0:0:0:0:0:0:0:0") ? "::" : b.toString());
        }
        return Optional.empty();
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
