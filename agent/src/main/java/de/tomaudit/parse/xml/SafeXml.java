package de.tomaudit.parse.xml;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads configuration files and API responses with the JDK's StAX parser, hardened: no DTD is
 * processed and a document that has a DOCTYPE is refused outright (so no entity, internal or
 * external, is ever expanded: no XXE, no entity bombs), no external resource is resolved, and the
 * tree is bounded in depth and size. Elements keep their line for evidence.
 */
public final class SafeXml {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_ELEMENTS = 200_000;

    private SafeXml() { }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    /** The root element. */
    public static XmlNode parse(String file, String text) throws XmlRefused {
        XMLStreamReader r;
        try {
            r = factory().createXMLStreamReader(new StringReader(text));
        } catch (XMLStreamException e) {
            throw new XmlRefused(file, 0, de.tomaudit.i18n.AuditTexts.get("parse.xml.unreadable"));
        }
        Deque<Builder> stack = new ArrayDeque<>();
        XmlNode root = null;
        int elements = 0;
        try {
            while (r.hasNext()) {
                int ev = r.next();
                int line = r.getLocation() == null ? 0 : r.getLocation().getLineNumber();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw new XmlRefused(file, line,
                            de.tomaudit.i18n.AuditTexts.get("parse.xml.doctype"));
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRefused(file, line,
                            de.tomaudit.i18n.AuditTexts.get("parse.xml.entity", r.getLocalName()));
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > MAX_ELEMENTS) {
                            throw new XmlRefused(file, line, de.tomaudit.i18n.AuditTexts.get("parse.xml.elements", MAX_ELEMENTS));
                        }
                        if (stack.size() >= MAX_DEPTH) {
                            throw new XmlRefused(file, line, de.tomaudit.i18n.AuditTexts.get("parse.xml.depth", MAX_DEPTH));
                        }
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        stack.push(new Builder(r.getLocalName(), attrs, line));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty() && stack.peek().text.length() < 65_536) {
                            stack.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Builder b = stack.pop();
                        XmlNode n = new XmlNode(b.name, b.attrs, b.text.toString(), b.line, b.children);
                        if (stack.isEmpty()) {
                            root = n;
                        } else {
                            stack.peek().children.add(n);
                        }
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            // the parser's message quotes element and attribute names and text of the file: not repeated (issue 13)
            throw new XmlRefused(file, line, de.tomaudit.i18n.AuditTexts.get("parse.xml.malformed"));
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing held
            }
        }
        if (root == null) {
            throw new XmlRefused(file, 0, de.tomaudit.i18n.AuditTexts.get("parse.xml.no-root"));
        }
        return root;
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attrs;
        final int line;
        final StringBuilder text = new StringBuilder();
        final List<XmlNode> children = new ArrayList<>();

        Builder(String name, Map<String, String> attrs, int line) {
            this.name = name;
            this.attrs = attrs;
            this.line = line;
        }
    }
}
