package de.tomaudit.parse.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One element of a small XML document: name, attributes, its own text, its 1-based line, children. */
public record XmlNode(String name, Map<String, String> attributes, String text, int line, List<XmlNode> children) {

    public XmlNode {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public Optional<XmlNode> child(String name) {
        return children.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The text of the first child of that name, trimmed. */
    public Optional<String> childText(String name) {
        return child(name).map(c -> c.text().strip());
    }

    public List<XmlNode> children(String name) {
        return children.stream().filter(c -> c.name().equals(name)).toList();
    }

    /** Every element below this one (depth first) with that name. */
    public List<XmlNode> descendants(String name) {
        List<XmlNode> out = new ArrayList<>();
        collect(this, name, out);
        return out;
    }

    private static void collect(XmlNode n, String name, List<XmlNode> out) {
        for (XmlNode c : n.children()) {
            if (c.name().equals(name)) {
                out.add(c);
            }
            collect(c, name, out);
        }
    }
}
