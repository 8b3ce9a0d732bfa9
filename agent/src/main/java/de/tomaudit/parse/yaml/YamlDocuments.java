package de.tomaudit.parse.yaml;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Parses YAML text into {@link YamlNode}s with bounded size and alias expansion. */
public final class YamlDocuments {

    private YamlDocuments() { }

    private static LoadSettings settings(String file) {
        return LoadSettings.builder()
                .setLabel(file)
                .setMaxAliasesForCollections(200)
                .setAllowDuplicateKeys(true)
                .setCodePointLimit(16 * 1024 * 1024)
                .setUseMarks(true)
                .build();
    }

    /** The first document, or empty for an empty file. */
    public static Optional<YamlNode> parse(String file, String text) throws YamlException {
        List<YamlNode> all = parseAll(file, text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public static List<YamlNode> parseAll(String file, String text) throws YamlException {
        LoadSettings s = settings(file);
        try {
            checkDepth(file, s, text);
            Composer composer = new Composer(s, new ParserImpl(s, new StreamReader(s, text)));
            List<YamlNode> out = new ArrayList<>();
            while (composer.hasNext()) {
                Node n = composer.next();
                out.add(new YamlNode(file, n));
            }
            return out;
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new YamlException(file, line, AuditTexts.get("parse.yaml.invalid", de.tomaudit.i18n.LibraryMessages.yaml(e.getProblem())));
        } catch (YamlEngineException e) {
            throw new YamlException(file, 0, AuditTexts.get("parse.yaml.invalid", de.tomaudit.i18n.LibraryMessages.yaml(e.getMessage())));
        } catch (StackOverflowError e) {
            // the composer recurses once per nesting level; checkDepth refuses that first, this stays as a last guard
            throw new YamlException(file, 0, AuditTexts.get("parse.yaml.invalid", AuditTexts.get("parse.yaml.too-deep")));
        }
    }

    /**
     * The composer recurses once per nesting level, so whether thousands of levels overflow its
     * stack depended on the thread: the events are counted first, iteratively, and a document
     * nested deeper than {@link RawYaml#MAX_DEPTH} levels is refused at its line, the same on
     * every thread and in every caller.
     */
    private static void checkDepth(String file, LoadSettings s, String text) throws YamlException {
        ParserImpl parser = new ParserImpl(s, new StreamReader(s, text));
        int depth = 0;
        while (parser.hasNext()) {
            org.snakeyaml.engine.v2.events.Event e = parser.next();
            switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > RawYaml.MAX_DEPTH) {
                        throw new YamlException(file, e.getStartMark().map(m -> m.getLine() + 1).orElse(0),
                                AuditTexts.get("parse.yaml.invalid", AuditTexts.get("parse.nested-deeper", RawYaml.MAX_DEPTH)));
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
        }
    }
}
