package de.tomaudit.parse.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.LuaString;

/** Hostile configurations: each stops quickly with a finding naming its file and line, and the next evaluation is unharmed. */
class LuaSandboxTest {
    private static final String MAIN = "/etc/prosody/prosody.cfg.lua";

    private static ProsodyEvaluation eval(String text) {
        return new ProsodyConfigEvaluator(new MapConfigSource().put(MAIN, text)).evaluate(MAIN);
    }

    /**
     * The default limits with the wall clock far away: which limit stops a configuration must not
     * depend on how loaded the build machine is (the wall clock has its own test, the stop times are
     * measured by scripts/bench/prosody-config).
     */
    private static final SandboxLimits NO_CLOCK = new SandboxLimits(SandboxLimits.DEFAULT.maxInstructions(),
            Duration.ofSeconds(60), SandboxLimits.DEFAULT.maxStringBytes(), SandboxLimits.DEFAULT.maxAllocatedBytes(),
            SandboxLimits.DEFAULT.maxPatternSteps(), SandboxLimits.DEFAULT.maxTables(), SandboxLimits.DEFAULT.maxCallDepth(),
            SandboxLimits.DEFAULT.maxIncludeDepth(), SandboxLimits.DEFAULT.maxFiles());

    private static ConfigProblem stopped(String text, ConfigProblem.Kind kind, int line) {
        long start = System.nanoTime();
        ProsodyEvaluation e = kind == ConfigProblem.Kind.TIME_LIMIT ? eval(text)
                : new ProsodyConfigEvaluator(new MapConfigSource().put(MAIN, text), NO_CLOCK, Map.of()).evaluate(MAIN);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertFalse(e.ok(), "the configuration must not evaluate");
        ConfigProblem p = e.failure().orElseThrow();
        assertEquals(kind, p.kind(), p::toString);
        assertEquals(MAIN, p.file());
        assertEquals(line, p.line(), p::toString);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "stopped after " + took.toMillis() + " ms (a hang guard)");
        return p;
    }

    @Test
    void infiniteLoopStopsWellUnderTwoSeconds() {
        stopped("admins = {}\nwhile true do end\n", ConfigProblem.Kind.INSTRUCTION_LIMIT, 2);
        stopped("x = 1\nrepeat local y = 1 until false\n", ConfigProblem.Kind.INSTRUCTION_LIMIT, 2);
    }

    @Test
    void pcallCannotSwallowTheStop() {
        stopped("for i = 1, 10 do\n  pcall(function() while true do end end)\nend\nok = true\n",
                ConfigProblem.Kind.INSTRUCTION_LIMIT, 2);
        stopped("local ok = pcall(function() os.execute('id') end)\nx = ok\n", ConfigProblem.Kind.FORBIDDEN, 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "os.execute('touch /tmp/pwned')|os",
            "local f = io.open('/etc/shadow')|io",
            "local m = require('socket')|require",
            "debug.sethook()|debug",
            "dofile('/etc/passwd')|dofile",
            "local f = loadfile('/etc/passwd')|loadfile",
            "local f = load('return 1')|load",
            "local f = loadstring('return 1')|loadstring",
            "x = Lua.os.getenv('HOME')|Lua",
            "local c = coroutine.create(print)|coroutine",
            "collectgarbage()|collectgarbage",
            "_G.os.execute('id')|_G",
            "x = package.loaded|package",
            "x = string.dump(print)|dump"})
    void forbiddenLibrariesStopWithTheirLine(String code, String name) {
        ProsodyEvaluation e = eval("a = 1\n" + code + "\n");
        ConfigProblem p = e.failure().orElseThrow();
        assertEquals(2, p.line(), p::toString);
        if (name.equals("dump")) {
            assertEquals(ConfigProblem.Kind.RUNTIME, p.kind(), "string.dump is simply absent: " + p);
        } else if (name.equals("_G")) {
            assertEquals(ConfigProblem.Kind.RUNTIME, p.kind(), "_G is the sandbox's own table, without os: " + p);
        } else {
            assertEquals(ConfigProblem.Kind.FORBIDDEN, p.kind(), p::toString);
            assertTrue(p.message().contains("'" + name + "'"), p.message());
        }
    }

    @Test
    void runScriptIsDenied() {
        stopped("RunScript 'extra.lua'\n", ConfigProblem.Kind.FORBIDDEN, 1);
    }

    @Test
    void stringBombsAreRefusedBeforeTheyAreBuilt() {
        stopped("local s = 'x'\nfor i = 1, 40 do s = s .. s end\n", ConfigProblem.Kind.MEMORY_LIMIT, 2);
        stopped("x = 1\ny = ('x'):rep(1e9)\n", ConfigProblem.Kind.MEMORY_LIMIT, 2);
        stopped("x = ('ab'):rep(2000, ('-'):rep(1000))\n", ConfigProblem.Kind.MEMORY_LIMIT, 1);
        stopped("local s = ('x'):rep(100000)\nx = s:gsub('x', ('y'):rep(100))\n", ConfigProblem.Kind.MEMORY_LIMIT, 2);
        stopped("local s = ('x'):rep(900000)\nx = string.format('%s%s', s, s)\n", ConfigProblem.Kind.MEMORY_LIMIT, 2);
        stopped("local t = {}\nfor i = 1, 30 do t[i] = ('x'):rep(100000) end\nx = table.concat(t)\n",
                ConfigProblem.Kind.MEMORY_LIMIT, 3);
        stopped("local t = {}\nfor i = 1, 1000 do t[#t + 1] = ('x'):rep(100000) end\n", ConfigProblem.Kind.MEMORY_LIMIT, 2);
    }

    @Test
    void tableBombsAndDeepRecursionStop() {
        stopped("t = {}\nfor i = 1, 1e7 do t[i] = {} end\n", ConfigProblem.Kind.MEMORY_LIMIT, 2);
        stopped("local function f(n) return 1 + f(n + 1) end\nx = f(1)\n", ConfigProblem.Kind.CALL_DEPTH, 1);
        stopped("local x = setmetatable({}, { __index = function(t, k) return t[k] end })\ny = x.a\n",
                ConfigProblem.Kind.CALL_DEPTH, 1);
    }

    @Test
    void pathologicalPatternStops() {
        stopped("local s = ('a'):rep(5000)\nx = s:find(('a*'):rep(20) .. 'b')\n", ConfigProblem.Kind.INSTRUCTION_LIMIT, 2);
        stopped("local s = ('a'):rep(3000)\nfor w in s:gmatch('a-a-a-a-a-b') do end\n", ConfigProblem.Kind.INSTRUCTION_LIMIT, 2);
    }

    @Test
    void wallClockLimitStopsWhatTheInstructionCountAllows() {
        SandboxLimits slow = new SandboxLimits(Long.MAX_VALUE, Duration.ofMillis(200), 1 << 20, 1L << 25,
                Long.MAX_VALUE, 200_000, 200, 16, 256);
        long start = System.nanoTime();
        ProsodyEvaluation e = new ProsodyConfigEvaluator(new MapConfigSource().put(MAIN, "\nwhile true do end\n"), slow,
                Map.of()).evaluate(MAIN);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ConfigProblem.Kind.TIME_LIMIT, e.failure().orElseThrow().kind());
        assertEquals(2, e.failure().orElseThrow().line());
        assertTrue(ms < 1500, "took " + ms + " ms");
    }

    @Test
    void errorsOfTheConfigurationAreRuntimeProblemsWithLines() {
        ConfigProblem p = stopped("\n\nerror('boom')\n", ConfigProblem.Kind.RUNTIME, 3);
        assertTrue(p.message().contains("error() called by the configuration") && !p.message().contains("boom"),
                "the value raised is withheld (it may be a secret): " + p.message());
        stopped("x = nothing.field\n", ConfigProblem.Kind.RUNTIME, 1);
        stopped("Include(42)\n", ConfigProblem.Kind.INCLUDE, 1);
    }

    @Test
    void theSharedStringMetatableCannotBeChangedByAConfiguration() {
        ProsodyEvaluation attack = eval("local mt = getmetatable('')\nmt.__index.rep = nil\n");
        assertFalse(attack.ok(), "getmetatable('') gives false, so indexing it fails");
        LuaString.s_metatable = null;
        ProsodyEvaluation later = eval("x = ('ab'):rep(2)\n");
        assertEquals("abab", later.config().orElseThrow().global().own("x").orElseThrow().value(),
                "each evaluation installs the sandbox's string metatable, whatever was there");
        ProsodyEvaluation writes = eval("string.rep = nil\nx = 1\n");
        assertTrue(writes.ok());
        assertEquals("abab", eval("x = string.rep('ab', 2)\n").config().orElseThrow().global().own("x").orElseThrow().value(),
                "a configuration's own string table is its own");
    }

    @Test
    void concurrentEvaluationsKeepTheirOwnBudgets() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ProsodyEvaluation>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String text = i % 2 == 0 ? "x = ('y'):rep(10) .. 'z'\nn = #x\n" : "while true do end\n";
                futures.add(pool.submit(() -> new ProsodyConfigEvaluator(new MapConfigSource().put(MAIN, text), NO_CLOCK, Map.of())
                        .evaluate(MAIN)));
            }
            for (int i = 0; i < futures.size(); i++) {
                ProsodyEvaluation e = futures.get(i).get();
                if (i % 2 == 0) {
                    assertEquals(11L, e.config().orElseThrow().global().own("n").orElseThrow().value());
                } else {
                    assertEquals(ConfigProblem.Kind.INSTRUCTION_LIMIT, e.failure().orElseThrow().kind());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tooManyIncludesAndFilesAreBounded() {
        MapConfigSource src = new MapConfigSource();
        StringBuilder main = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            main.append("Include \"f").append(i).append(".cfg.lua\"\n");
            src.put("/etc/prosody/f" + i + ".cfg.lua", "x" + i + " = " + i + "\n");
        }
        src.put(MAIN, main.toString());
        ProsodyEvaluation e = new ProsodyConfigEvaluator(src).evaluate(MAIN);
        assertEquals(ConfigProblem.Kind.INCLUDE, e.failure().orElseThrow().kind());
        MapConfigSource deep = new MapConfigSource().put(MAIN, "Include \"d0.cfg.lua\"\n");
        for (int i = 0; i < 20; i++) {
            deep.put("/etc/prosody/d" + i + ".cfg.lua", "Include \"d" + (i + 1) + ".cfg.lua\"\n");
        }
        ProsodyEvaluation d = new ProsodyConfigEvaluator(deep).evaluate(MAIN);
        assertTrue(d.failure().orElseThrow().message().contains("nested more than 16"), d.failure().toString());
    }
}
