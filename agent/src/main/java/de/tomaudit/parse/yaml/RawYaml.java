package de.tomaudit.parse.yaml;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads YAML text into {@link RawNode}s straight from the parser's events: no schema, no alias
 * expansion (so no alias bombs), bounded nesting and node count, iterative (no recursion on
 * deep input). Errors name the file and the 1-based line.
 */
public final class RawYaml {
    /** Deeper nesting than this is refused (real configurations nest fewer than ten levels). */
    public static final int MAX_DEPTH = 100;
    /** More nodes than this in one file are refused. */
    public static final int MAX_NODES = 200_000;

    private RawYaml() { }

    /** Every document of the stream, in order; an empty or comment-only text has none. */
    public static List<RawNode> parseAll(String file, String text) throws YamlException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setCodePointLimit(16 * 1024 * 1024)
                .setUseMarks(true)
                .build();
        Parser parser = new ParserImpl(settings, new StreamReader(settings, text));
        List<RawNode> documents = new ArrayList<>();
        Deque<Builder> open = new ArrayDeque<>();
        int nodes = 0;
        try {
            while (parser.hasNext()) {
                Event e = parser.next();
                int line = line(e.getStartMark());
                RawNode done = null;
                switch (e.getEventId()) {
                    case Scalar -> {
                        ScalarEvent s = (ScalarEvent) e;
                        done = new RawNode.Scalar(s.getValue(), style(s.getScalarStyle()), line);
                    }
                    case Alias -> done = new RawNode.Alias(((AliasEvent) e).getAlias().getValue(), line);
                    case SequenceStart, MappingStart -> {
                        if (open.size() >= MAX_DEPTH) {
                            throw new YamlException(file, line, AuditTexts.get("parse.nested-deeper", MAX_DEPTH));
                        }
                        open.push(new Builder(e.getEventId() == Event.ID.MappingStart, line));
                    }
                    case SequenceEnd, MappingEnd -> done = open.pop().build(file);
                    default -> { }
                }
                if (done == null) {
                    continue;
                }
                if (++nodes > MAX_NODES) {
                    throw new YamlException(file, line, AuditTexts.get("parse.yaml.too-many-nodes", MAX_NODES));
                }
                if (open.isEmpty()) {
                    documents.add(done);
                } else {
                    open.peek().add(done);
                }
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new YamlException(file, line, AuditTexts.get("parse.yaml.invalid", de.tomaudit.i18n.LibraryMessages.yaml(e.getProblem())));
        } catch (YamlEngineException e) {
            throw new YamlException(file, 0, AuditTexts.get("parse.yaml.invalid", de.tomaudit.i18n.LibraryMessages.yaml(e.getMessage())));
        }
        return documents;
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    private static RawNode.Style style(ScalarStyle s) {
        if (s == ScalarStyle.SINGLE_QUOTED) {
            return RawNode.Style.SINGLE_QUOTED;
        }
        if (s == ScalarStyle.DOUBLE_QUOTED) {
            return RawNode.Style.DOUBLE_QUOTED;
        }
        if (s == ScalarStyle.LITERAL) {
            return RawNode.Style.LITERAL;
        }
        if (s == ScalarStyle.FOLDED) {
            return RawNode.Style.FOLDED;
        }
        return RawNode.Style.PLAIN;
    }

    /** A collection being read: items, or alternating keys and values. */
    private static final class Builder {
        private final boolean mapping;
        private final int line;
        private final List<RawNode> items = new ArrayList<>();

        Builder(boolean mapping, int line) {
            this.mapping = mapping;
            this.line = line;
        }

        void add(RawNode n) {
            items.add(n);
        }

        RawNode build(String file) throws YamlException {
            if (!mapping) {
                return new RawNode.Sequence(items, line);
            }
            if (items.size() % 2 != 0) {
                throw new YamlException(file, line, AuditTexts.get("parse.yaml.key-without-value"));
            }
            List<RawNode.Entry> entries = new ArrayList<>(items.size() / 2);
            for (int i = 0; i < items.size(); i += 2) {
                entries.add(new RawNode.Entry(items.get(i), items.get(i + 1)));
            }
            return new RawNode.Mapping(entries, line);
        }
    }
}
