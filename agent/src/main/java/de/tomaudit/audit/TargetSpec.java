package de.tomaudit.audit;

import de.tomaudit.i18n.AuditTexts;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target as written on the command line: {@code local}, {@code dir:/root},
 * {@code ssh://user@host[:port]}, {@code user@host}, {@code bundle:/path.tar.gz}.
 */
public record TargetSpec(Type type, String text, String path, Optional<String> user, String host, int port) {

    public enum Type { LOCAL, DIR, SSH, BUNDLE }

    private static final Pattern SSH_URL = Pattern.compile("ssh://(?:([^@/:]+)@)?(\\[[0-9a-fA-F:]+]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?/?");
    private static final Pattern USER_AT_HOST = Pattern.compile("([^@/:\\s]+)@(\\[[0-9a-fA-F:]+]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?");

    public static TargetSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(AuditTexts.get("input.target.empty"));
        }
        if (text.equals("local")) {
            return new TargetSpec(Type.LOCAL, text, "/", Optional.empty(), "localhost", 0);
        }
        if (text.startsWith("dir:")) {
            String p = text.substring(4);
            if (p.isEmpty()) {
                throw new IllegalArgumentException(AuditTexts.get("input.target.dir"));
            }
            return new TargetSpec(Type.DIR, text, p, Optional.empty(), "", 0);
        }
        if (text.startsWith("bundle:")) {
            String p = text.substring(7);
            if (p.isEmpty()) {
                throw new IllegalArgumentException(AuditTexts.get("input.target.bundle"));
            }
            return new TargetSpec(Type.BUNDLE, text, p, Optional.empty(), "", 0);
        }
        Matcher m = SSH_URL.matcher(text);
        if (!m.matches()) {
            m = USER_AT_HOST.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(AuditTexts.get("input.target.unknown", text));
            }
        }
        int port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(AuditTexts.get("input.target.port", text));
        }
        String host = m.group(2).replace("[", "").replace("]", "");
        return new TargetSpec(Type.SSH, text, "", Optional.ofNullable(m.group(1)), host, port);
    }
}
