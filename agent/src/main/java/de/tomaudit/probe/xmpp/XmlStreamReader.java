package de.tomaudit.probe.xmpp;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.ProbeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal XML reader for the start of an XMPP stream (RFC 6120 section 11): the stream header
 * and whole top-level elements. It reads byte by byte without read-ahead (so nothing of a TLS
 * handshake that follows {@code <proceed/>} is consumed), accepts only what XMPP allows (no DTD,
 * no entity declarations, hence no XXE; no comments; only the predefined entities and character
 * references), and stops at fixed caps on bytes, depth, names and attributes.
 */
public final class XmlStreamReader {
    static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NAME = 256;
    private static final int MAX_ATTRIBUTES = 64;

    private final InputStream in;
    private final String where;
    private final int maxBytes;
    private int read;
    private int peeked = -2;
    /** Namespace bindings in scope: the stream header's, then each open element's. */
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();

    public XmlStreamReader(InputStream in, String where, int maxBytes) {
        this.in = in;
        this.where = where;
        this.maxBytes = maxBytes;
        scopes.push(Map.of("xml", "http://www.w3.org/XML/1998/namespace"));
    }

    /** Reads an optional XML declaration and the {@code <stream:stream>} start tag. */
    public XmlElement readStreamHeader() throws ProbeException {
        skipSpace();
        expect('<');
        int c = peek();
        if (c == '?') {
            next();
            skipDeclaration();
            skipSpace();
            expect('<');
        }
        if (peek() == '/' || peek() == '!' || peek() == '?') {
            throw garbage(AuditTexts.get("probe.xmpp.no-header"));
        }
        Tag tag = startTag();
        if (!tag.local.equals("stream") || !tag.ns.equals(STREAMS_NS)) {
            throw garbage(AuditTexts.get("probe.xmpp.unexpected", "<stream:stream>"));
        }
        if (tag.selfClosing) {
            throw garbage("the stream header closes itself");
        }
        scopes.push(tag.bindings);
        return new XmlElement(tag.local, tag.ns, tag.attributes, List.of(), "");
    }

    /** Reads the next whole top-level element of the stream. */
    public XmlElement readElement() throws ProbeException {
        skipSpace();
        expect('<');
        int c = peek();
        if (c == '/') {
            throw new ProbeException(ProbeException.Kind.CLOSED, where + ": " + AuditTexts.get("probe.xmpp.closed"));
        }
        if (c == '!' || c == '?') {
            throw garbage("DTDs, comments and processing instructions are not allowed in XMPP (RFC 6120 11.1)");
        }
        return element(startTag(), 1);
    }

    private XmlElement element(Tag tag, int depth) throws ProbeException {
        if (depth > MAX_DEPTH) {
            throw garbage("elements nested deeper than " + MAX_DEPTH);
        }
        if (tag.selfClosing) {
            return new XmlElement(tag.local, tag.ns, tag.attributes, List.of(), "");
        }
        scopes.push(tag.bindings);
        List<XmlElement> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                text.append(text());
                expect('<');
                int c = peek();
                if (c == '/') {
                    next();
                    String end = name();
                    skipSpace();
                    expect('>');
                    if (!end.equals(tag.qname)) {
                        throw garbage("an end tag that does not match its start tag");
                    }
                    return new XmlElement(tag.local, tag.ns, tag.attributes, children, text.toString().strip());
                }
                if (c == '!' || c == '?') {
                    throw garbage("DTDs, comments and processing instructions are not allowed in XMPP (RFC 6120 11.1)");
                }
                children.add(element(startTag(), depth + 1));
            }
        } finally {
            scopes.pop();
        }
    }

    private record Tag(String qname, String local, String ns, Map<String, String> attributes,
                       Map<String, String> bindings, boolean selfClosing) { }

    private Tag startTag() throws ProbeException {
        String qname = name();
        Map<String, String> raw = new LinkedHashMap<>();
        boolean selfClosing = false;
        while (true) {
            boolean space = skipSpace();
            int c = peek();
            if (c == '/') {
                next();
                expect('>');
                selfClosing = true;
                break;
            }
            if (c == '>') {
                next();
                break;
            }
            if (!space) {
                throw garbage("malformed start tag");
            }
            String attr = name();
            skipSpace();
            expect('=');
            skipSpace();
            raw.put(attr, quoted());
            if (raw.size() > MAX_ATTRIBUTES) {
                throw garbage("more than " + MAX_ATTRIBUTES + " attributes on an element");
            }
        }
        Map<String, String> bindings = new HashMap<>(scopes.peek());
        Map<String, String> attributes = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.equals("xmlns")) {
                bindings.put("", v);
            } else if (k.startsWith("xmlns:")) {
                bindings.put(k.substring(6), v);
            } else {
                attributes.put(k, v);
            }
        });
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? "" : qname.substring(0, colon);
        String local = colon < 0 ? qname : qname.substring(colon + 1);
        String ns = bindings.getOrDefault(prefix, "");
        if (!prefix.isEmpty() && !bindings.containsKey(prefix)) {
            throw garbage("undeclared namespace prefix");
        }
        return new Tag(qname, local, ns, attributes, bindings, selfClosing);
    }

    private String name() throws ProbeException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw closed();
            }
            if (Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == '-' || c == '.' || c >= 0x80) {
                b.append((char) next());
                if (b.length() > MAX_NAME) {
                    throw garbage("name longer than " + MAX_NAME + " characters");
                }
            } else {
                break;
            }
        }
        if (b.isEmpty()) {
            throw garbage("expected a name, got " + describe(peek()));
        }
        return b.toString();
    }

    private String quoted() throws ProbeException {
        int q = next();
        if (q != '\'' && q != '"') {
            throw garbage("attribute value without quotes");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = next();
            if (c == q) {
                return decode(b);
            }
            if (c == '<') {
                throw garbage("'<' in an attribute value");
            }
            if (c == '&') {
                b.writeBytes(entity().getBytes(StandardCharsets.UTF_8));
            } else {
                b.write(c);
            }
        }
    }

    private String text() throws ProbeException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw closed();
            }
            if (c == '<') {
                return decode(b);
            }
            next();
            if (c == '&') {
                b.writeBytes(entity().getBytes(StandardCharsets.UTF_8));
            } else {
                b.write(c);
            }
        }
    }

    private String entity() throws ProbeException {
        StringBuilder e = new StringBuilder();
        while (true) {
            int c = next();
            if (c == ';') {
                break;
            }
            e.append((char) c);
            if (e.length() > 10) {
                throw garbage("unterminated entity reference");
            }
        }
        String s = e.toString();
        switch (s) {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "apos": return "'";
            case "quot": return "\"";
            default:
                try {
                    if (s.startsWith("#x")) {
                        return Character.toString(Integer.parseInt(s.substring(2), 16));
                    }
                    if (s.startsWith("#")) {
                        return Character.toString(Integer.parseInt(s.substring(1)));
                    }
                } catch (IllegalArgumentException ex) {
                    throw garbage("bad character reference");
                }
                throw garbage("an entity other than the predefined ones (not allowed in XMPP)");
        }
    }

    private void skipDeclaration() throws ProbeException {
        int prev = 0;
        int n = 0;
        while (true) {
            int c = next();
            if (prev == '?' && c == '>') {
                return;
            }
            prev = c;
            if (++n > 512) {
                throw garbage("XML declaration longer than 512 bytes");
            }
        }
    }

    private String decode(ByteArrayOutputStream b) throws ProbeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw garbage("text that is not UTF-8");
        }
    }

    private boolean skipSpace() throws ProbeException {
        boolean any = false;
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                next();
                any = true;
            } else {
                return any;
            }
        }
    }

    private void expect(int want) throws ProbeException {
        int c = next();
        if (c != want) {
            throw garbage("expected '" + (char) want + "', got " + describe(c));
        }
    }

    private int peek() throws ProbeException {
        if (peeked == -2) {
            peeked = raw();
        }
        return peeked;
    }

    private int next() throws ProbeException {
        int c = peek();
        peeked = -2;
        if (c < 0) {
            throw closed();
        }
        return c;
    }

    private int raw() throws ProbeException {
        if (read >= maxBytes) {
            throw new ProbeException(ProbeException.Kind.TOO_LARGE, where + ": more than " + maxBytes
                    + " bytes of XML before the answer was complete");
        }
        try {
            int c = in.read();
            if (c >= 0) {
                read++;
            }
            return c;
        } catch (SocketTimeoutException e) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, where + ": " + AuditTexts.get("probe.xmpp.stopped"));
        } catch (SocketException e) {
            throw new ProbeException(ProbeException.Kind.RESET, where + ": " + AuditTexts.get("probe.reset"));
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.IO, where + ": " + e.getMessage(), e);
        }
    }

    private ProbeException closed() {
        return new ProbeException(ProbeException.Kind.CLOSED, where + ": " + AuditTexts.get("probe.xmpp.ended"));
    }

    private ProbeException garbage(String what) {
        return new ProbeException(ProbeException.Kind.GARBAGE, where + ": " + AuditTexts.get("probe.xmpp.garbage", what));
    }

    private static String describe(int c) {
        return c < 0 ? "end of stream" : c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }
}
