package de.tomaudit.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WildcardTest {

    /** The same answers as the JDK's glob (a regex) on random patterns and names of one component. */
    @Test
    void agreesWithJdkGlobOnRandomInputs() {
        Random r = new Random(13);
        String[] atoms = {"a", "b", "*", "?", "[ab]", "[!a]", "[a-c]", "."};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder p = new StringBuilder();
            for (int i = r.nextInt(7); i >= 0; i--) {
                p.append(atoms[r.nextInt(atoms.length)]);
            }
            StringBuilder s = new StringBuilder();
            for (int i = r.nextInt(8); i > 0; i--) {
                s.append("abc.".charAt(r.nextInt(4)));
            }
            String name = s.toString();
            boolean jdk = !name.isEmpty() && FileSystems.getDefault().getPathMatcher("glob:" + p).matches(Path.of(name));
            boolean ours = !name.isEmpty() && Wildcard.compile(p.toString(), Wildcard.Syntax.GLOB).matches(name);
            assertEquals(jdk, ours, () -> "pattern " + p + " name " + name);
        }
    }

    /** SSH syntax: the same answers as a regex built from the pattern, on random inputs. */
    @Test
    void sshSyntaxAgreesWithRegex() {
        Random r = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder p = new StringBuilder();
            StringBuilder regex = new StringBuilder();
            for (int i = r.nextInt(7); i >= 0; i--) {
                char c = "ab*?[".charAt(r.nextInt(5));
                p.append(c);
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            StringBuilder s = new StringBuilder();
            for (int i = r.nextInt(8); i > 0; i--) {
                s.append("ab[".charAt(r.nextInt(3)));
            }
            assertEquals(s.toString().matches(regex.toString()), Wildcard.matches(s.toString(), p.toString(), Wildcard.Syntax.SSH),
                    () -> "pattern " + p + " text " + s);
        }
    }

    /** Many stars against a long name that almost matches: the case that hung the JDK's glob. */
    @Test
    void manyStarsAgainstALongNameFinish() {
        String pattern = "*a".repeat(2_000) + "b";
        String text = "a".repeat(20_000);
        assertFalse(Wildcard.matches(text, pattern, Wildcard.Syntax.GLOB));
        assertTrue(Wildcard.matches(text + "b", pattern, Wildcard.Syntax.GLOB));
    }

    @Test
    void pathComponentsStaySeparate() {
        assertTrue(Wildcard.matchesPath("/etc/nginx/conf.d/a.conf", "/etc/nginx/conf.d/*.conf", Wildcard.Syntax.GLOB));
        assertFalse(Wildcard.matchesPath("/etc/nginx/conf.d/x/a.conf", "/etc/nginx/conf.d/*.conf", Wildcard.Syntax.GLOB));
        assertTrue(Wildcard.matches("a[b", "a[b", Wildcard.Syntax.GLOB), "an unclosed class is a literal");
        assertTrue(Wildcard.matches("a*b", "a\\*b", Wildcard.Syntax.GLOB));
        assertFalse(Wildcard.matches("axb", "a\\*b", Wildcard.Syntax.GLOB));
    }
}
