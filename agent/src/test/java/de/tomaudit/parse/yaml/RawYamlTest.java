package de.tomaudit.parse.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawYamlTest {

    private static RawNode.Mapping root(String text) throws YamlException {
        return (RawNode.Mapping) RawYaml.parseAll("f.yml", text).get(0);
    }

    @Test
    void keepsQuotingStyleLinesAndDuplicateKeys() throws YamlException {
        RawNode.Mapping m = root("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  block\na: again\n");
        assertEquals(5, m.entries().size(), "duplicate key a kept");
        assertEquals(RawNode.Style.PLAIN, ((RawNode.Scalar) m.entries().get(0).value()).style());
        assertEquals(RawNode.Style.SINGLE_QUOTED, ((RawNode.Scalar) m.entries().get(1).value()).style());
        assertEquals(RawNode.Style.DOUBLE_QUOTED, ((RawNode.Scalar) m.entries().get(2).value()).style());
        assertEquals(RawNode.Style.LITERAL, ((RawNode.Scalar) m.entries().get(3).value()).style());
        assertEquals(6, m.entries().get(4).key().line());
        assertEquals("again", ((RawNode.Scalar) m.entries().get(4).value()).value());
    }

    @Test
    void aliasesStayAliasesSoAnAliasBombCostsNothing() throws YamlException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        long start = System.nanoTime();
        RawNode.Mapping m = root(bomb.toString());
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
        RawNode.Sequence k = (RawNode.Sequence) m.entries().get(10).value();
        RawNode.Alias first = assertInstanceOf(RawNode.Alias.class, k.items().get(0));
        assertEquals("j", first.anchor());
    }

    @Test
    void depthIsBounded() {
        String deep = "[".repeat(RawYaml.MAX_DEPTH + 5) + "]".repeat(RawYaml.MAX_DEPTH + 5);
        YamlException e = assertThrows(YamlException.class, () -> RawYaml.parseAll("deep.yml", deep));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    @Test
    void nodeCountIsBounded() {
        String many = "a: [" + "1,".repeat(RawYaml.MAX_NODES + 1) + "1]";
        YamlException e = assertThrows(YamlException.class, () -> RawYaml.parseAll("many.yml", many));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        YamlException e = assertThrows(YamlException.class, () -> RawYaml.parseAll("bad.yml", "a: 1\nb: [1, 2\nc: 3\n"));
        assertEquals("bad.yml", e.file());
        assertTrue(e.line() >= 2, "line " + e.line());
    }

    @Test
    void documentsAndEmptyText() throws YamlException {
        assertEquals(List.of(), RawYaml.parseAll("e.yml", "# only a comment\n"));
        assertEquals(2, RawYaml.parseAll("two.yml", "a: 1\n---\nb: 2\n").size());
    }
}
