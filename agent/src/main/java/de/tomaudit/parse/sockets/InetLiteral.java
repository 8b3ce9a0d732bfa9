package de.tomaudit.parse.sockets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals and networks as written in configs and tool output, parsed without
 * any name lookup: {@code 127.0.0.1}, {@code [::1]}, {@code fe80::1%eth0}, {@code 10.0.0.0/8}.
 * Anything that is not a literal (a host name, {@code *}) is empty, never resolved.
 */
public final class InetLiteral {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final byte[] V6_LOOPBACK = new byte[16];
    private static final byte[] V4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    static {
        V6_LOOPBACK[15] = 1;
    }

    private InetLiteral() { }

    /** A network: address bytes (4 or 16) and prefix length. */
    public record Network(byte[] address, int prefix) {
        public Network {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        /** True when every address of this network is a loopback address. */
        public boolean isLoopbackOnly() {
            if (address.length == 4) {
                return prefix >= 8 && (address[0] & 0xff) == 127;
            }
            if (prefix == 128 && Arrays.equals(address, V6_LOOPBACK)) {
                return true;
            }
            return prefix >= 104 && isV4Mapped(address) && (address[12] & 0xff) == 127;
        }
    }

    /** The address bytes of an IPv4 or IPv6 literal ({@code [..]} and a {@code %zone} allowed). */
    public static Optional<byte[]> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        var m = V4.matcher(s);
        if (m.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                b[i] = (byte) octet;
            }
            return Optional.of(b);
        }
        if (s.indexOf(':') < 0 || !V6_CHARS.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            // a string with ':' is parsed as an IPv6 literal: no name lookup happens
            byte[] b = InetAddress.getByName("[" + s + "]").getAddress();
            return Optional.of(b.length == 4 ? mapV4(b) : b);
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** 127.0.0.0/8, ::1, and IPv4-mapped 127.x. */
    public static boolean isLoopback(byte[] a) {
        return new Network(a, a.length * 8).isLoopbackOnly();
    }

    /** 0.0.0.0 or :: (every address of the host). */
    public static boolean isUnspecified(byte[] a) {
        for (byte b : a) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when the text is a loopback literal or {@code localhost}. */
    public static boolean isLoopbackName(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("localhost") || s.equals("localhost.localdomain") || s.equals("ip6-localhost")) {
            return true;
        }
        return parse(s).map(InetLiteral::isLoopback).orElse(false);
    }

    /** {@code addr/prefix}; a bare literal is a host network (/32 or /128). */
    public static Optional<Network> network(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        Optional<byte[]> addr = parse(slash < 0 ? s : s.substring(0, slash));
        if (addr.isEmpty()) {
            return Optional.empty();
        }
        int max = addr.get().length * 8;
        if (slash < 0) {
            return Optional.of(new Network(addr.get(), max));
        }
        try {
            int prefix = Integer.parseInt(s.substring(slash + 1));
            return prefix < 0 || prefix > max ? Optional.empty() : Optional.of(new Network(addr.get(), prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The prefix length of a contiguous netmask ({@code 255.255.255.0} is 24), else empty. */
    public static Optional<Integer> maskPrefix(String mask) {
        Optional<byte[]> m = parse(mask);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        int prefix = 0;
        boolean zeroSeen = false;
        for (byte b : m.get()) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = ((b >> bit) & 1) == 1;
                if (one && zeroSeen) {
                    return Optional.empty();
                }
                if (one) {
                    prefix++;
                } else {
                    zeroSeen = true;
                }
            }
        }
        return Optional.of(prefix);
    }

    private static boolean isV4Mapped(byte[] a) {
        return a.length == 16 && Arrays.equals(Arrays.copyOf(a, 12), V4_MAPPED_PREFIX);
    }

    private static byte[] mapV4(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }
}
