package de.tomaudit.parse.yaml;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML node that knows its file and line, with typed accessors whose errors name both.
 * YAML 1.2 core schema: {@code no}/{@code yes} stay strings, {@code true}/{@code false} are booleans.
 */
public final class YamlNode {
    private final String file;
    private final Node node;

    YamlNode(String file, Node node) {
        this.file = file;
        this.node = node;
    }

    public String file() {
        return file;
    }

    /** 1-based line of this node. */
    public int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public String location() {
        return file + ":" + line();
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    public YamlException error(String message) {
        return new YamlException(file, line(), message);
    }

    /** Entries of a mapping in document order; keys must be scalars, duplicates are refused. */
    public Map<String, YamlNode> entries() throws YamlException {
        if (!(node instanceof MappingNode m)) {
            throw error(AuditTexts.get("input.yaml.mapping", kind()));
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(file, t.getKeyNode()).error(AuditTexts.get("input.yaml.key-text"));
            }
            if (out.put(k.getValue(), new YamlNode(file, t.getValueNode())) != null) {
                throw new YamlNode(file, k).error(AuditTexts.get("input.yaml.duplicate-key", YamlException.shown(k.getValue())));
            }
        }
        return out;
    }

    /** Entries with their key nodes, for formats whose keys carry meaning beyond text. */
    public List<Map.Entry<YamlNode, YamlNode>> pairs() throws YamlException {
        if (!(node instanceof MappingNode m)) {
            throw error(AuditTexts.get("input.yaml.mapping", kind()));
        }
        List<Map.Entry<YamlNode, YamlNode>> out = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            out.add(Map.entry(new YamlNode(file, t.getKeyNode()), new YamlNode(file, t.getValueNode())));
        }
        return out;
    }

    public List<YamlNode> items() throws YamlException {
        if (!(node instanceof SequenceNode s)) {
            throw error(AuditTexts.get("input.yaml.list", kind()));
        }
        List<YamlNode> out = new ArrayList<>();
        for (Node n : s.getValue()) {
            out.add(new YamlNode(file, n));
        }
        return out;
    }

    /** A scalar's text (any scalar: strings, numbers and booleans as written). */
    public String text() throws YamlException {
        if (!(node instanceof ScalarNode s)) {
            throw error(AuditTexts.get("input.yaml.scalar", kind()));
        }
        return s.getValue();
    }

    /** A list of scalars, or a single scalar taken as a one-element list. */
    public List<String> texts() throws YamlException {
        if (isScalar()) {
            return isNull() ? List.of() : List.of(text());
        }
        List<String> out = new ArrayList<>();
        for (YamlNode n : items()) {
            out.add(n.text());
        }
        return out;
    }

    /** The node as plain Java values: String, Long, Double, Boolean, List, Map (null for YAML null). */
    public Object toValue() throws YamlException {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(v);
            }
            if (tag.equals(Tag.INT)) {
                try {
                    return Long.decode(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            return v;
        }
        if (node instanceof SequenceNode) {
            List<Object> out = new ArrayList<>();
            for (YamlNode n : items()) {
                out.add(n.toValue());
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : entries().entrySet()) {
            out.put(e.getKey(), e.getValue().toValue());
        }
        return out;
    }

    public Optional<YamlNode> get(String key) throws YamlException {
        return Optional.ofNullable(entries().get(key));
    }

    public YamlNode require(String key) throws YamlException {
        return get(key).orElseThrow(() -> error(AuditTexts.get("input.yaml.required", key)));
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return AuditTexts.get("input.yaml.a-mapping");
        }
        if (node instanceof SequenceNode) {
            return AuditTexts.get("input.yaml.a-list");
        }
        // the value itself is not quoted: it may be a secret, or span lines
        return AuditTexts.get("input.yaml.a-scalar");
    }
}
