package de.tomaudit.parse.ejabberd;

import de.tomaudit.collect.ejabberd.EjabberdCollector;
import de.tomaudit.facts.FactSet;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Benchmark (run by scripts/bench/ejabberd-config, not by the test suite): ejabberd configurations
 * evaluated per second on one thread after warm-up. "reader" is ejabberd.yml read as ejabberd reads it
 * (YAML, fast_yaml terms, includes, macros, host_config) from memory; "collector" is the whole
 * EjabberdCollector over a directory holding the file (file reads, defaults, listeners, per-host facts).
 * Also how long a hostile configuration (macros multiplying each other) takes to be refused.
 * Prints one {@code key value} per line.
 */
public final class EjabberdConfigBench {

    private EjabberdConfigBench() { }

    public static void main(String[] args) throws IOException {
        Path fixtures = Path.of(args.length > 0 ? args[0] : "target/bench-fixtures");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        List<String[]> out = new ArrayList<>();
        String[][] configs = {
            {"example", "ejabberd/ejabberd.yml.example"},
            {"container_example", "ejabberd/ejabberd.yml.container-example"},
            {"debian12", "debian12/etc/ejabberd/ejabberd.yml"},
        };
        for (String[] c : configs) {
            if (!java.nio.file.Files.exists(fixtures.resolve(c[1]))) {
                out.add(new String[] {"ejabberd.reader." + c[0], "not measured (" + c[1] + " missing)"});
                continue;
            }
            String text = java.nio.file.Files.readString(fixtures.resolve(c[1]));
            Files source = new Files().put("/etc/ejabberd/ejabberd.yml", text);
            Supplier<Object> reader = () -> {
                EjabberdConfig config = EjabberdConfigReader.read("/etc/ejabberd/ejabberd.yml", List.of(), "/var/lib/ejabberd",
                        source);
                if (config.fatalProblem().isPresent()) {
                    throw new IllegalStateException(config.fatalProblem().get().toString());
                }
                return config;
            };
            out.add(new String[] {"ejabberd.reader." + c[0] + ".bytes", String.valueOf(text.length())});
            rate("ejabberd.reader." + c[0], reader, warmup, seconds, out);
        }
        Path root = java.nio.file.Files.createTempDirectory("ejabberd-bench");
        try {
            Path etc = root.resolve("etc/ejabberd");
            java.nio.file.Files.createDirectories(etc);
            java.nio.file.Files.copy(fixtures.resolve("ejabberd/ejabberd.yml.example"), etc.resolve("ejabberd.yml"));
            java.nio.file.Files.copy(fixtures.resolve("ejabberd/ejabberdctl.cfg.example"), etc.resolve("ejabberdctl.cfg"));
            DirTarget target = new DirTarget(root, Limits.DEFAULT);
            EjabberdCollector collector = new EjabberdCollector();
            rate("ejabberd.collector.example", () -> {
                FactSet.Builder b = FactSet.builder();
                collector.collect(target, b);
                return b;
            }, warmup, seconds, out);
        } finally {
            try (var walk = java.nio.file.Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        StringBuilder bomb = new StringBuilder("define_macro:\n  M0: [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 40; i++) {
            bomb.append("  M").append(i).append(": [M").append(i - 1).append(", M").append(i - 1).append(", M")
                    .append(i - 1).append(", M").append(i - 1).append("]\n");
        }
        bomb.append("hosts: [x]\na: M40\n");
        Files hostile = new Files().put("/h.yml", bomb.toString());
        long start = System.nanoTime();
        EjabberdConfig refused = EjabberdConfigReader.read("/h.yml", List.of(), "/", hostile);
        long ms = (System.nanoTime() - start) / 1_000_000;
        out.add(new String[] {"ejabberd.hostile.macro_bomb.refused", String.valueOf(refused.fatalProblem().isPresent())});
        out.add(new String[] {"ejabberd.hostile.macro_bomb.ms", String.valueOf(ms)});
        for (String[] kv : out) {
            System.out.printf(Locale.ROOT, "%-44s %s%n", kv[0], kv[1]);
        }
    }

    private static void rate(String key, Supplier<Object> work, double warmup, double seconds, List<String[]> out) {
        long end = System.nanoTime() + (long) (warmup * 1e9);
        Object sink = null;
        while (System.nanoTime() < end) {
            sink = work.get();
        }
        long n = 0;
        long start = System.nanoTime();
        end = start + (long) (seconds * 1e9);
        long now;
        do {
            sink = work.get();
            n++;
            now = System.nanoTime();
        } while (now < end);
        double perSecond = n / ((now - start) / 1e9);
        out.add(new String[] {key + ".configs_per_s", String.format(Locale.ROOT, "%.0f", perSecond)});
        out.add(new String[] {key + ".us_per_config", String.format(Locale.ROOT, "%.1f", 1e6 / perSecond)});
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
    }
}
