package de.tomaudit.probe.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.NamedGroup;

/** Key exchange groups by their registry codes and names, from Bouncy Castle's {@link NamedGroup}. */
public final class NamedGroups {
    private static final List<Integer> ALL = build();

    private NamedGroups() { }

    /** Every group offered in a TLS 1.3 hello: elliptic curves, finite fields, ML-KEM hybrids. */
    public static List<Integer> forTls13() {
        return ALL;
    }

    /** Groups meaningful for ECDHE/DHE in TLS 1.2 and older: curves and RFC 7919 finite fields. */
    public static List<Integer> forLegacy() {
        return ALL.stream().filter(g -> NamedGroup.refersToAnECDHCurve(g) || NamedGroup.isFiniteField(g)).toList();
    }

    /** Elliptic curves only (the ones a TLS 1.2 ECDHE ServerKeyExchange can name). */
    public static List<Integer> curves() {
        return ALL.stream().filter(NamedGroup::refersToAnECDHCurve).toList();
    }

    public static String name(int group) {
        String n = NamedGroup.getName(group);
        return n == null || n.isEmpty() || n.startsWith("UNKNOWN") ? String.format("group_0x%04x", group) : n;
    }

    /** Strength of a group in bits of its field or curve (0 when not a curve or finite field). */
    public static int bits(int group) {
        if (NamedGroup.isFiniteField(group)) {
            return NamedGroup.getFiniteFieldBits(group);
        }
        if (NamedGroup.refersToAnECDHCurve(group)) {
            return NamedGroup.getCurveBits(group);
        }
        return 0;
    }

    private static List<Integer> build() {
        List<Integer> out = new ArrayList<>();
        for (Field f : NamedGroup.class.getFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String n = f.getName();
            if (n.startsWith("arbitrary_") || n.startsWith("OQS_") || n.startsWith("DRAFT_")) {
                continue;
            }
            try {
                int code = f.getInt(null);
                if (NamedGroup.isValid(code) && !out.contains(code)) {
                    out.add(code);
                }
            } catch (IllegalAccessException e) {
                // not a constant we can read
            }
        }
        return List.copyOf(out);
    }
}
