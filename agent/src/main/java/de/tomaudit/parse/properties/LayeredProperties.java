package de.tomaudit.parse.properties;

import de.tomaudit.i18n.AuditTexts;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.interpol.ConfigurationInterpolator;
import org.apache.commons.configuration2.interpol.Lookup;

/**
 * {@code .properties} files layered as a Spring application such as bbb-web reads them: each file
 * in java.util.Properties syntax (commons-configuration2's JUP reader: escapes, continuation lines,
 * {@code :} and {@code =}), a later layer's key replacing an earlier one's, and {@code ${name}}
 * references resolved across all layers (commons-configuration2's interpolator, which detects cycles).
 * Only plain references are resolved: the interpolator's prefix lookups ({@code ${env:…}},
 * {@code ${sys:…}}, {@code ${file:…}}) are switched off, so nothing of the machine running the audit
 * can leak into a value.
 *
 * <p>A broken escape stops its file (as {@code Properties.load} would, failing bbb-web's start); the
 * keys read before it keep their values. Every value knows the file and line that decided it.
 */
public final class LayeredProperties {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

    /** Where one key's effective raw value comes from. */
    public record Entry(String key, String raw, String file, int line) {
        public String source() {
            return file + ":" + line;
        }
    }

    /** An effective value: resolved text, or the problem that kept it from being known. */
    public record Value(String key, Optional<String> text, Entry decidedBy, List<Entry> references,
                        Optional<PropertiesProblem> problem) { }

    private final Map<String, Entry> effective;
    private final List<PropertiesProblem> fileProblems;
    private final CompositeConfiguration composite;

    private LayeredProperties(Map<String, Entry> effective, List<PropertiesProblem> fileProblems) {
        this.effective = effective;
        this.fileProblems = List.copyOf(fileProblems);
        BaseConfiguration flat = new BaseConfiguration();
        effective.forEach((k, e) -> flat.setProperty(k, e.raw()));
        this.composite = new CompositeConfiguration();
        composite.addConfiguration(flat);
        ConfigurationInterpolator interpolator = new ConfigurationInterpolator();
        Lookup plain = name -> {
            Entry e = effective.get(name);
            return e == null ? null : e.raw();
        };
        interpolator.addDefaultLookup(plain);
        composite.setInterpolator(interpolator);
    }

    /** One layer: the file's path (for evidence) and its text. */
    public record Layer(String file, String text) { }

    /** Reads the layers in order, the last one winning. */
    public static LayeredProperties read(List<Layer> layers) {
        Map<String, Entry> effective = new LinkedHashMap<>();
        List<PropertiesProblem> problems = new ArrayList<>();
        for (Layer layer : layers) {
            readLayer(layer, effective, problems);
        }
        return new LayeredProperties(effective, problems);
    }

    private static void readLayer(Layer layer, Map<String, Entry> effective, List<PropertiesProblem> problems) {
        String[] lines = layer.text().split("\r\n|\r|\n", -1);
        PropertiesConfiguration.PropertiesReader reader = new PropertiesConfiguration.JupIOFactory()
                .createPropertiesReader(new StringReader(layer.text()));
        int before = 0;
        try (reader) {
            while (true) {
                boolean more;
                try {
                    more = reader.nextProperty();
                } catch (RuntimeException e) {
                    int line = firstPropertyLine(lines, before, Math.max(reader.getLineNumber(), before + 1));
                    // the reader's message quotes the characters after the escape: part of a value, maybe a secret
                    String what = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("unicode")
                            ? "a broken \\uXXXX escape" : e.getClass().getSimpleName();
                    problems.add(new PropertiesProblem(layer.file(), line, "", AuditTexts.get("parse.properties.unreadable", what)));
                    return;
                }
                if (!more) {
                    return;
                }
                int after = reader.getLineNumber();
                int line = firstPropertyLine(lines, before, after);
                effective.put(reader.getPropertyName(), new Entry(reader.getPropertyName(), reader.getPropertyValue(),
                        layer.file(), line));
                before = after;
            }
        } catch (IOException e) {
            problems.add(new PropertiesProblem(layer.file(), 0, "", "unreadable: " + e.getMessage()));
        }
    }

    /** The property starts on the first line after {@code before} that is neither blank nor a comment. */
    private static int firstPropertyLine(String[] lines, int before, int after) {
        for (int i = before; i < Math.min(after, lines.length); i++) {
            String t = lines[i].stripLeading();
            if (!t.isEmpty() && t.charAt(0) != '#' && t.charAt(0) != '!') {
                return i + 1;
            }
        }
        return Math.max(after, 1);
    }

    private static String describe(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 120 ? m.substring(0, 117) + "..." : m;
    }

    /** Problems that stopped a whole file. */
    public List<PropertiesProblem> fileProblems() {
        return fileProblems;
    }

    public boolean contains(String key) {
        return effective.containsKey(key);
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(effective.get(key));
    }

    public Set<String> keys() {
        return effective.keySet();
    }

    /** The effective value of a key with its references resolved; empty when no layer sets it. */
    public Optional<Value> value(String key) {
        Entry e = effective.get(key);
        if (e == null) {
            return Optional.empty();
        }
        List<Entry> refs = references(e);
        String resolved;
        try {
            resolved = composite.getString(key);
        } catch (RuntimeException ex) {
            return Optional.of(new Value(key, Optional.empty(), e, refs, Optional.of(new PropertiesProblem(e.file(), e.line(),
                    key, key + ": " + describe(ex)))));
        }
        Matcher m = REFERENCE.matcher(resolved == null ? "" : resolved);
        if (m.find()) {
            return Optional.of(new Value(key, Optional.empty(), e, refs, Optional.of(new PropertiesProblem(e.file(), e.line(),
                    key, AuditTexts.get("parse.properties.undefined", key, "${" + m.group(1) + "}")))));
        }
        return Optional.of(new Value(key, Optional.ofNullable(resolved), e, refs, Optional.empty()));
    }

    /** The entries a value refers to, directly and through them (each once). */
    private List<Entry> references(Entry start) {
        Set<String> seen = new LinkedHashSet<>();
        List<Entry> out = new ArrayList<>();
        List<Entry> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty() && out.size() < 32) {
            Entry e = todo.remove(0);
            Matcher m = REFERENCE.matcher(e.raw());
            while (m.find()) {
                Entry r = effective.get(m.group(1));
                if (r != null && seen.add(r.key())) {
                    out.add(r);
                    todo.add(r);
                }
            }
        }
        return out;
    }
}
