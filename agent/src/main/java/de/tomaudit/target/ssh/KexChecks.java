package de.tomaudit.target.ssh;

import com.jcraft.jsch.Session;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSch's availability check of the key exchanges, made once per JVM instead of once per session.
 * Before every connection JSch tries each algorithm of its {@code CheckKexes} list (eight by default:
 * ML-KEM and sntrup761 hybrids, curve25519, curve448) by generating a key pair with it, whether the
 * session proposes it or not: about 5 % of a fleet run's agent CPU went to key pairs nobody used.
 * Whether an algorithm's implementation works does not change within a JVM, so the first session
 * runs JSch's own check (its {@code checkKexes} method, called reflectively) and the answers are kept.
 * A later session skips the check only when every algorithm on the list that it proposes was available; otherwise
 * (or when this JSch has no such method) JSch checks as before, so nothing unavailable is ever
 * proposed.
 */
final class KexChecks {
    private static final Logger LOG = LoggerFactory.getLogger(KexChecks.class);
    private static final String CHECK = "CheckKexes";
    /** Availability by algorithm name, as JSch's check found it. */
    private static final Map<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();
    private static final Method CHECK_KEXES = find();

    private KexChecks() { }

    private static Method find() {
        try {
            Method m = Session.class.getDeclaredMethod("checkKexes", String.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("JSch has no checkKexes(String) to call once: it checks on every session ({})", e.toString());
            return null;
        }
    }

    /** Lets {@code s} skip JSch's per-session check when every algorithm on its list is known to work. */
    static void apply(Session s) {
        String list = s.getConfig(CHECK);
        if (CHECK_KEXES == null || list == null || list.isBlank()) {
            return;
        }
        // only what the session proposes matters: JSch removes unavailable algorithms from the proposal
        List<String> proposed = Arrays.asList(String.valueOf(s.getConfig("kex")).split(","));
        List<String> names = Arrays.stream(list.split(",")).map(String::strip)
                .filter(n -> !n.isEmpty() && proposed.contains(n)).toList();
        List<String> unknown = names.stream().filter(n -> !AVAILABLE.containsKey(n)).toList();
        if (!unknown.isEmpty() && !check(s, unknown)) {
            return;
        }
        if (names.stream().allMatch(n -> AVAILABLE.getOrDefault(n, false))) {
            s.setConfig(CHECK, "");
        }
    }

    /** Runs JSch's check for these names on {@code s}; false when it could not be run. */
    private static synchronized boolean check(Session s, List<String> names) {
        List<String> still = new ArrayList<>(names);
        still.removeIf(AVAILABLE::containsKey);
        if (still.isEmpty()) {
            return true;
        }
        try {
            String[] unavailable = (String[]) CHECK_KEXES.invoke(s, String.join(",", still));
            List<String> out = unavailable == null ? List.of() : Arrays.asList(unavailable);
            for (String n : still) {
                AVAILABLE.put(n, !out.contains(n));
            }
            if (!out.isEmpty()) {
                LOG.debug("key exchanges not available in this JVM: {}; JSch checks on every session", out);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("JSch's key exchange check could not be called: {}", e.toString());
            return false;
        }
    }

    /** What the check found so far (for tests). */
    static Map<String, Boolean> known() {
        return Map.copyOf(AVAILABLE);
    }
}
