package de.tomaudit.parse.ejabberd;

import java.util.Locale;

/** Whether an address text (as ejabberd and Erlang write them) is loopback or a wildcard. */
public final class Addresses {

    private Addresses() { }

    /** 127.0.0.0/8, ::1, localhost, and the IPv4-mapped ::ffff:127.x. */
    public static boolean isLoopback(String address) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.equals("localhost") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        if (a.startsWith("::ffff:")) {
            a = a.substring(7);
        }
        return a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** 0.0.0.0, ::, or empty: every interface. */
    public static boolean isWildcard(String address) {
        String a = address.trim();
        return a.isEmpty() || a.equals("0.0.0.0") || a.equals("::") || a.equals("0:0:0:0:0:0:0:0") || a.equals("*");
    }

    /** A CIDR ({@code 127.0.0.1/8}, {@code ::1/128}) that only covers loopback addresses. */
    public static boolean isLoopbackRange(String cidr) {
        String c = cidr.trim();
        int slash = c.indexOf('/');
        String addr = slash < 0 ? c : c.substring(0, slash);
        int bits;
        try {
            bits = slash < 0 ? (addr.contains(":") ? 128 : 32) : Integer.parseInt(c.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (addr.contains(":")) {
            return isLoopback(addr) && bits == 128;
        }
        return isLoopback(addr) && bits >= 8;
    }
}
