package de.tomaudit.parse.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The bounded matcher against LuaJ's own string library: the same results for find, match,
 * gmatch and gsub on patterns that exercise every construct of Lua 5.2 patterns. Where LuaJ
 * departs from C Lua (which Prosody runs), the C Lua behaviour is kept and tested on its own:
 * LuaJ clamps a find start beyond the end of the subject, finds no empty match in an empty
 * subject with gmatch and never advances past an empty match, lacks Lua 5.2's %g class, checks
 * the frontier %f against the wrong character, misses [ and ] in %p, and fails on bytes above 127 in
 * character classes.
 */
class LuaPatternTest {
    private static final List<String> SUBJECTS = List.of("", "hello world", "  key = value  ", "a,b,,c",
            "THE (quick) [brown] fox", "x = 1; y = 22; z = 333", "aaa", "%d%%", "f(a(b)c)d", "THE quick\tbrown\nfox",
            "abc123def456", "  trim me  ");
    private static final List<String> PATTERNS = List.of("o", "l+", "l*", "l-", "lo?", "%s*(.-)%s*$", "^%s*", "(%w+)",
            "(%a+)%s*=%s*(%w+)", "%d+", "[%a_][%w_]*", "[^,]*", "%b()", "()ll()", "(a)%1", ".-b",
            "[a-c]+", "[%]]", "[^%s]+", "%u+", "%l+", "%x+", "%c", "$", "^", "(h)(e)(l)", "[]]", "[^]]+",
            "%%", "x*$", "(%d)(%d?)");
    /** Patterns that never match the empty string (LuaJ's gmatch handles empty matches unlike C Lua). */
    private static final List<String> NON_EMPTY = List.of("o", "l+", "(%w+)", "(%a+)%s*=%s*(%w+)", "%d+", "[%a_][%w_]*",
            "%b()", "()ll()", "[a-c]+", "[^%s]+", "%u+", "%l+", "%x+", "(h)(e)(l)", "[^]]+", "%%", "(a)%1");
    private Globals stock;
    private LuaTable safe;
    private LuaValue savedMeta;

    @BeforeEach
    void setUp() {
        savedMeta = LuaString.s_metatable;
        stock = JsePlatform.standardGlobals();
        LuaString.s_metatable = savedMeta;
        safe = SafeStringLibrary.newTable();
        SandboxBudgets.enter(new SandboxBudget(SandboxLimits.DEFAULT));
    }

    @AfterEach
    void tearDown() {
        SandboxBudgets.leave();
        LuaString.s_metatable = savedMeta;
    }

    private List<String> stockCall(String fn, LuaValue... args) {
        return show(() -> stock.get("string").get(fn).invoke(LuaValue.varargsOf(args)));
    }

    private List<String> safeCall(String fn, LuaValue... args) {
        return show(() -> safe.get(fn).invoke(LuaValue.varargsOf(args)));
    }

    private static List<String> show(java.util.function.Supplier<Varargs> call) {
        List<String> out = new ArrayList<>();
        try {
            Varargs v = call.get();
            for (int i = 1; i <= v.narg(); i++) {
                out.add(v.arg(i).typename() + ":" + v.arg(i).tojstring());
            }
        } catch (LuaError e) {
            out.add("error");
        } catch (RuntimeException e) {
            out.add(LUAJ_CRASH);
        }
        return out;
    }

    /** LuaJ's own matcher throws ArrayIndexOutOfBounds for some frontier/class cases: nothing to compare there. */
    private static final String LUAJ_CRASH = "luaj-crash";

    private static void same(List<String> stock, List<String> safe, String what) {
        if (!stock.contains(LUAJ_CRASH)) {
            assertEquals(stock, safe, what);
        }
    }

    @Test
    void findAndMatchAgreeWithLuaJ() {
        for (String s : SUBJECTS) {
            for (String p : PATTERNS) {
                for (int init : new int[] {1, 3, -2}) {
                    if (init > s.length() + 1) {
                        continue;
                    }
                    LuaValue[] args = {LuaValue.valueOf(s), LuaValue.valueOf(p), LuaValue.valueOf(init)};
                    same(stockCall("find", args), safeCall("find", args), "find(" + s + ", " + p + ", " + init + ")");
                    same(stockCall("match", args), safeCall("match", args), "match(" + s + ", " + p + ", " + init + ")");
                }
                LuaValue[] plain = {LuaValue.valueOf(s), LuaValue.valueOf(p), LuaValue.valueOf(1), LuaValue.TRUE};
                same(stockCall("find", plain), safeCall("find", plain), "plain find(" + s + ", " + p + ")");
            }
        }
    }

    @Test
    void gsubAgreesWithLuaJ() {
        LuaTable repl = new LuaTable();
        repl.set("hello", "HI");
        repl.set("o", LuaValue.FALSE);
        List<LuaValue> replacements = List.of(LuaValue.valueOf("<%0>"), LuaValue.valueOf("%1-%1"), LuaValue.valueOf("%%"),
                LuaValue.valueOf(""), repl, LuaValue.valueOf(7));
        for (String s : SUBJECTS) {
            for (String p : PATTERNS) {
                for (LuaValue r : replacements) {
                    LuaValue[] args = {LuaValue.valueOf(s), LuaValue.valueOf(p), r};
                    same(stockCall("gsub", args), safeCall("gsub", args), "gsub(" + s + ", " + p + ", " + r + ")");
                }
                LuaValue[] limited = {LuaValue.valueOf(s), LuaValue.valueOf(p), LuaValue.valueOf("#"), LuaValue.valueOf(2)};
                same(stockCall("gsub", limited), safeCall("gsub", limited), "gsub n=2 (" + s + ", " + p + ")");
            }
        }
    }

    @Test
    void gmatchAgreesWithLuaJ() {
        for (String s : SUBJECTS) {
            for (String p : NON_EMPTY) {
                List<String> expected = iterate(stock.get("string").get("gmatch"), s, p);
                if (expected.size() < 200) {
                    // LuaJ's gmatch never advances past an empty match (100 iterations): C Lua does
                    same(expected, iterate(safe.get("gmatch"), s, p), "gmatch(" + s + ", " + p + ")");
                }
            }
        }
    }

    private static List<String> iterate(LuaValue gmatch, String s, String p) {
        List<String> out = new ArrayList<>();
        try {
            LuaValue it = gmatch.call(LuaValue.valueOf(s), LuaValue.valueOf(p));
            for (int i = 0; i < 100; i++) {
                Varargs v = it.invoke();
                if (v.arg1().isnil()) {
                    break;
                }
                for (int k = 1; k <= v.narg(); k++) {
                    out.add(v.arg(k).tojstring());
                }
                out.add("|");
            }
        } catch (LuaError e) {
            out.add("error");
        }
        return out;
    }

    @Test
    void malformedPatternsAreLuaErrors() {
        for (String p : List.of("%", "[a", "(()", "%b", "%f", "(a)%2", "a)")) {
            LuaValue[] args = {LuaValue.valueOf("abc"), LuaValue.valueOf(p)};
            assertThrows(LuaError.class, () -> safe.get("match").invoke(LuaValue.varargsOf(args)), p);
        }
    }

    @Test
    void whereLuaJDepartsFromCLuaTheCBehaviourIsKept() {
        LuaValue[] late = {LuaValue.valueOf("ab"), LuaValue.valueOf("b*"), LuaValue.valueOf(5)};
        assertEquals(List.of("nil:nil"), safeCall("find", late), "a start beyond the end finds nothing (Lua 5.2+)");
        assertEquals(List.of("", "|"), iterate(safe.get("gmatch"), "", "l*"), "one empty match in an empty subject");
        LuaValue[] bytes = {LuaValue.valueOf("\u00e4\u00f6 x"), LuaValue.valueOf("%a+")};
        assertEquals(List.of("string:x"), safeCall("match", bytes), "bytes above 127 are no letters in the C locale");
        LuaValue[] any = {LuaValue.valueOf("\u00e4"), LuaValue.valueOf("^.+$")};
        assertEquals(List.of("string:\u00e4"), safeCall("match", any));
        LuaValue[] frontier = {LuaValue.valueOf("hello world"), LuaValue.valueOf("%f[%w]%w+"), LuaValue.valueOf(3)};
        assertEquals(List.of("number:7", "number:11"), safeCall("find", frontier));
        LuaValue[] graph = {LuaValue.valueOf("hello world"), LuaValue.valueOf("%g+"), LuaValue.valueOf("<%0>")};
        assertEquals(List.of("string:<hello> <world>", "number:2"), safeCall("gsub", graph));
        LuaValue[] punct = {LuaValue.valueOf("(a) [b]"), LuaValue.valueOf("%p"), LuaValue.valueOf("")};
        assertEquals(List.of("string:a b", "number:4"), safeCall("gsub", punct));
        assertEquals(List.of("hello world", "|", "", "|"), iterate(safe.get("gmatch"), "hello world", "%s*(.-)%s*$"),
                "Lua 5.2 also matches the empty string at the end");
        assertEquals(List.of("", "|", "", "|", "ll", "|", "", "|", "", "|", "", "|", "", "|", "", "|", "l", "|", "", "|",
                "", "|"), iterate(safe.get("gmatch"), "hello world", "l*"));
    }

    @Test
    void backtrackingIsChargedToTheBudget() {
        SandboxBudgets.leave();
        SandboxBudgets.enter(new SandboxBudget(new SandboxLimits(1000, java.time.Duration.ofSeconds(5), 1 << 20, 1 << 25,
                10_000, 1000, 200, 16, 256)));
        LuaValue[] args = {LuaValue.valueOf("a".repeat(200)), LuaValue.valueOf("a*a*a*a*b")};
        SandboxViolation v = assertThrows(SandboxViolation.class, () -> safe.get("find").invoke(LuaValue.varargsOf(args)));
        assertEquals(ConfigProblem.Kind.INSTRUCTION_LIMIT, v.kind());
    }
}
