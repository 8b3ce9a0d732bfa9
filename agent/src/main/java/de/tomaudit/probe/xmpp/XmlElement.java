package de.tomaudit.probe.xmpp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One element of an XMPP stream: local name, resolved namespace, attributes, children, text. */
public record XmlElement(String name, String namespace, Map<String, String> attributes, List<XmlElement> children,
                         String text) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public Optional<XmlElement> child(String localName, String ns) {
        return children.stream().filter(c -> c.name.equals(localName) && c.namespace.equals(ns)).findFirst();
    }

    public List<XmlElement> children(String localName) {
        return children.stream().filter(c -> c.name.equals(localName)).toList();
    }

    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }
}
