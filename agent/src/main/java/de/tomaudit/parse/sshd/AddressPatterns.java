package de.tomaudit.parse.sshd;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OpenSSH's address lists (addr_match_list): comma-separated CIDR blocks or wildcard patterns,
 * each optionally negated with {@code !}. Only literal addresses are parsed: no name is ever
 * looked up.
 */
public final class AddressPatterns {

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** A list entry that is neither an address, a valid CIDR block nor a pattern. */
    public static final class InvalidPatternException extends Exception {
        public InvalidPatternException(String message) {
            super(message);
        }
    }

    private AddressPatterns() { }

    public static SshPatterns.ListMatch matchList(String address, String list) throws InvalidPatternException {
        Optional<byte[]> addr = literal(address);
        boolean positive = false;
        for (String entry : list.split(",", -1)) {
            boolean negated = entry.startsWith("!");
            String e = negated ? entry.substring(1) : entry;
            boolean hit;
            Optional<Cidr> cidr = cidr(e);
            if (cidr.isPresent()) {
                hit = addr.isPresent() && cidr.get().contains(addr.get());
            } else {
                hit = SshPatterns.matches(address, e);
            }
            if (hit) {
                if (negated) {
                    return SshPatterns.ListMatch.NEGATED;
                }
                positive = true;
            }
        }
        return positive ? SshPatterns.ListMatch.MATCHED : SshPatterns.ListMatch.NONE;
    }

    /** Checks a list as sshd does when it reads the Match line. */
    public static void validate(String list) throws InvalidPatternException {
        for (String entry : list.split(",", -1)) {
            cidr(entry.startsWith("!") ? entry.substring(1) : entry);
        }
    }

    record Cidr(byte[] network, int bits) {
        /** The first {@code bits} bits of {@code addr} equal the network's: compared byte by byte, no allocation. */
        boolean contains(byte[] addr) {
            if (addr.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (addr[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }

    /** A CIDR block or a plain address (as a /32 or /128); empty when the entry is a pattern. */
    static Optional<Cidr> cidr(String entry) throws InvalidPatternException {
        int slash = entry.indexOf('/');
        String a = slash < 0 ? entry : entry.substring(0, slash);
        Optional<byte[]> addr = literal(a);
        if (addr.isEmpty()) {
            if (slash >= 0) {
                throw new InvalidPatternException("not a network: " + entry);
            }
            return Optional.empty();
        }
        int max = addr.get().length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new InvalidPatternException("bad mask length: " + entry);
            }
            if (bits < 0 || bits > max) {
                throw new InvalidPatternException("bad mask length: " + entry);
            }
        }
        Cidr c = new Cidr(addr.get(), bits);
        if (!c.contains(addr.get()) || (bits < max && hostBitsSet(addr.get(), bits))) {
            throw new InvalidPatternException("Inconsistent mask length for match network \"" + entry + "\"");
        }
        return Optional.of(c);
    }

    private static boolean hostBitsSet(byte[] addr, int bits) {
        for (int i = bits / 8; i < addr.length; i++) {
            int hostMask = i == bits / 8 ? 0xff >>> (bits % 8) : 0xff;
            if ((addr[i] & hostMask) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Four dot-separated numbers of 1-3 digits, each at most 255, read without a regex (this runs
     * for every Address criterion of every Match block on every evaluation).
     */
    private static Optional<byte[]> ipv4(String s) {
        byte[] b = new byte[4];
        int part = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return Optional.empty();
                }
                value = value * 10 + (c - '0');
            } else if (c == '.' && digits > 0 && value <= 255 && part < 4) {
                b[part++] = (byte) value;
                digits = 0;
                value = 0;
            } else {
                return Optional.empty();
            }
        }
        return part == 4 ? Optional.of(b) : Optional.empty();
    }

    /** The bytes of a literal IPv4 or IPv6 address; empty for anything else (never resolved). */
    public static Optional<byte[]> literal(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.indexOf(':') < 0) {
            return ipv4(s);
        }
        if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
            try {
                // a string with ':' and only hex digits, dots and colons is parsed as a literal, never resolved
                byte[] b = InetAddress.getByName(s).getAddress();
                return Optional.of(b);
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
