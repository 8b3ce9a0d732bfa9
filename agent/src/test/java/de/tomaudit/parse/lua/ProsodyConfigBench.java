package de.tomaudit.parse.lua;

import de.tomaudit.collect.prosody.ProsodyCollectorAccess;
import de.tomaudit.facts.FactSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of scripts/bench/prosody-config, on the calling thread: configurations evaluated per
 * second after warm-up (the upstream prosody.cfg.lua.dist and Debian 12's prosody.cfg.lua, in
 * memory; the whole collector over a directory holding the .dist), and how long hostile
 * configurations take to be stopped. Prints one "key value" per line.
 *
 * <p>Arguments: the directory scripts/bench/prosody-config lays out (prosody/prosody.cfg.lua.dist and
 * debian12/etc/prosody/prosody.cfg.lua), seconds to measure, seconds to warm up.
 */
public final class ProsodyConfigBench {
    private static final String MAIN = "/etc/prosody/prosody.cfg.lua";

    private ProsodyConfigBench() { }

    /** Files in memory, for the evaluator alone. */
    private record Memory(Map<String, String> files) implements ConfigSource {
        @Override
        public String read(String path) throws ConfigSourceException {
            String t = files.get(path);
            if (t == null) {
                throw new ConfigSourceException(path + ": No such file or directory", true);
            }
            return t;
        }

        @Override
        public List<String> list(String dir) throws ConfigSourceException {
            throw new ConfigSourceException(dir + ": No such file or directory", true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        double warmup = Double.parseDouble(args[2]);
        String dist = Files.readString(fixtures.resolve("prosody/prosody.cfg.lua.dist"));
        String debian = Files.readString(fixtures.resolve("debian12/etc/prosody/prosody.cfg.lua"));

        ProsodyConfigEvaluator distEval = new ProsodyConfigEvaluator(new Memory(Map.of(MAIN, dist)));
        ProsodyConfigEvaluator debianEval = new ProsodyConfigEvaluator(new Memory(Map.of(MAIN, debian)));
        check(distEval.evaluate(MAIN));
        check(debianEval.evaluate(MAIN));
        print("prosody.evaluator.dist.configs_per_s", rate(() -> check(distEval.evaluate(MAIN)), seconds, warmup));
        print("prosody.evaluator.debian.configs_per_s", rate(() -> check(debianEval.evaluate(MAIN)), seconds, warmup));

        Path root = Files.createTempDirectory("tomaudit-bench");
        try {
            Path cfg = root.resolve("etc/prosody/prosody.cfg.lua");
            Files.createDirectories(cfg.getParent());
            Files.writeString(cfg, dist);
            print("prosody.collector.dist.configs_per_s", rate(() -> {
                FactSet.Builder b = FactSet.builder();
                ProsodyCollectorAccess.collect(root, b);
                if (!b.has("prosody.config_ok")) {
                    throw new IllegalStateException("collector gave no result");
                }
            }, seconds, warmup));
        } finally {
            try (var s = Files.walk(root)) {
                s.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        hostile("loop", "admins = {}\nwhile true do end\n");
        hostile("loop_in_pcall", "for i = 1, 1e9 do pcall(function() while true do end end) end\n");
        hostile("os_execute", "os.execute('id')\n");
        hostile("string_bomb", "local s = 'x'\nfor i = 1, 64 do s = s .. s end\n");
        hostile("pattern", "local s = ('a'):rep(20000)\nx = s:find(('a*'):rep(30) .. 'b')\n");
        hostile("recursion", "local function f() return 1 + f() end\nx = f()\n");
    }

    /** Median and maximum milliseconds (of 9 runs after 3 warm-up runs) until a hostile configuration is stopped. */
    private static void hostile(String name, String text) {
        ProsodyConfigEvaluator e = new ProsodyConfigEvaluator(new Memory(Map.of(MAIN, text)));
        for (int i = 0; i < 3; i++) {
            stopped(e);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long t0 = System.nanoTime();
            stopped(e);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        print("prosody.hostile." + name + ".stop_ms_median", ms.get(ms.size() / 2));
        print("prosody.hostile." + name + ".stop_ms_max", ms.get(ms.size() - 1));
    }

    private static void stopped(ProsodyConfigEvaluator e) {
        if (e.evaluate(MAIN).ok()) {
            throw new IllegalStateException("a hostile configuration evaluated");
        }
    }

    private static void check(ProsodyEvaluation e) {
        if (!e.ok()) {
            throw new IllegalStateException("evaluation failed: " + e.failure());
        }
    }

    private static double rate(Runnable task, double seconds, double warmup) {
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < warmEnd) {
            task.run();
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            task.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    private static void print(String key, double value) {
        System.out.printf(Locale.ROOT, "%-44s %.1f%n", key, value);
    }
}
