package de.tomaudit.parse.yaml;

import java.util.List;

/**
 * A YAML node as the parser saw it, before any schema: scalars keep their text and quoting style,
 * aliases stay aliases (nothing is expanded), every node keeps its 1-based line. For formats whose
 * readers give quoting or aliases a meaning of their own (ejabberd's fast_yaml reads a plain or
 * single-quoted scalar as an Erlang atom and an alias as the text of its anchor name).
 */
public sealed interface RawNode permits RawNode.Scalar, RawNode.Alias, RawNode.Sequence, RawNode.Mapping {

    /** 1-based line where the node starts. */
    int line();

    enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    record Scalar(String value, Style style, int line) implements RawNode { }

    /** {@code *name}: a reference to an anchored node, not resolved here. */
    record Alias(String anchor, int line) implements RawNode { }

    record Sequence(List<RawNode> items, int line) implements RawNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** Entries in document order; duplicate keys are kept (the format decides what they mean). */
    record Mapping(List<Entry> entries, int line) implements RawNode {
        public Mapping {
            entries = List.copyOf(entries);
        }
    }

    record Entry(RawNode key, RawNode value) { }
}
