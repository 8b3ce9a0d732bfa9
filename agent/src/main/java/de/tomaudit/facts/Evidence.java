package de.tomaudit.facts;

import java.util.Objects;

/**
 * Where a value was read and what it was: {@code /etc/ssh/sshd_config:12 = "yes"},
 * {@code command: sshd -T = "passwordauthentication yes"}, {@code probe: 127.0.0.1:443},
 * {@code default: …} (nothing set it), {@code computed: /etc/prosody/prosody.cfg.lua:7} (code made it).
 * The value is always display text; a {@link Secret} arrives here already redacted.
 */
public record Evidence(String source, String value) {

    public Evidence {
        Objects.requireNonNull(source, "source");
        value = value == null ? "" : value;
    }

    /** A value read from a file at a 1-based line. */
    public static Evidence at(String path, int line, Object value) {
        return new Evidence(line > 0 ? path + ":" + line : path, display(value));
    }

    /** A value read from a whole file (existence, permissions, size). */
    public static Evidence file(String path, Object value) {
        return new Evidence(path, display(value));
    }

    /** A value taken from the output of an allow-listed command. */
    public static Evidence command(String commandLine, Object value) {
        return new Evidence("command: " + commandLine, display(value));
    }

    /**
     * A value read at a 1-based line of a compressed file's decompressed text (an apt index kept as
     * {@code .gz} or {@code .lz4}): {@code decompressed: file:line}, so nobody looks for it in the raw bytes.
     */
    public static Evidence decompressed(String path, int line, Object value) {
        return new Evidence("decompressed: " + (line > 0 ? path + ":" + line : path), display(value));
    }

    /**
     * A value made by code (a Lua expression in a Prosody config, a YAML merge key) whose own line
     * cannot be known: the line of the statement that made it, marked {@code computed: file:line}.
     */
    public static Evidence computed(String path, int line, Object value) {
        return new Evidence("computed: " + (line > 0 ? path + ":" + line : path), display(value));
    }

    /** A value that is a documented default because nothing set it. */
    public static Evidence byDefault(String what, Object value) {
        return new Evidence("default: " + what, display(value));
    }

    /** A value seen on the wire by a network probe. */
    public static Evidence probe(String endpoint, Object value) {
        return new Evidence("probe: " + endpoint, display(value));
    }

    static String display(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
