package de.tomaudit.hostile;

import de.tomaudit.cli.Main;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the whole CLI, in one warm JVM, over each generated hostile case at 1x, 10x and 100x its
 * size (scripts/bench/hostile). Prints one figure per line: {@code <case> <scale>x <seconds> s exit <code>},
 * ({@code ... s cpu <seconds> s ...}: the process CPU time, GC and JIT threads included),
 * then {@code <case> growth_10x_to_100x <factor>} (about 10 for linear work; the exponential and
 * quadratic cases of issue 13 gave far more, or never finished).
 */
public final class HostileBench {
    private HostileBench() { }

    public static void main(String[] args) throws Exception {
        int[] scales = {1, 10, 100};
        Path work = Files.createTempDirectory("tomaudit-hostile-bench");
        PrintStream devNull = new PrintStream(OutputStream.nullOutputStream());
        PrintStream realErr = System.err;
        Map<String, double[]> seconds = new LinkedHashMap<>();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // warm-up: class loading and JIT should not count against the 1x runs
        for (HostileCorpus.Case c : HostileCorpus.generated(work.resolve("warm"), 1)) {
            System.setErr(devNull);
            Main.execute(isolated(c.args(), work), devNull, devNull);
            System.setErr(realErr);
        }
        for (int s = 0; s < scales.length; s++) {
            List<HostileCorpus.Case> cases = HostileCorpus.generated(work.resolve("x" + scales[s]), scales[s]);
            for (HostileCorpus.Case c : cases) {
                long start = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                int code;
                System.setErr(devNull);
                try {
                    code = Main.execute(isolated(c.args(), work), devNull, devNull);
                } finally {
                    System.setErr(realErr);
                }
                double t = (System.nanoTime() - start) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
                seconds.computeIfAbsent(c.name(), k -> new double[scales.length])[s] = t;
                System.out.printf("%s %dx %.2f s cpu %.2f s exit %d%n", c.name(), scales[s], t, cpu, code);
            }
        }
        double worst = 0;
        for (Map.Entry<String, double[]> e : seconds.entrySet()) {
            double[] t = e.getValue();
            System.out.printf("%s growth_10x_to_100x %.1f%n", e.getKey(), t[2] / Math.max(t[1], 1e-3));
            worst = Math.max(worst, t[2]);
        }
        System.out.printf("slowest_100x_s %.2f%n", worst);
    }

    /**
     * The case's command line with a history database of the bench's own: the user's history file
     * (shared by every tomaudit run of the account, and locked while one stores a run) would time
     * other runs' storing, not the case.
     */
    private static String[] isolated(List<String> args, Path work) {
        List<String> out = new java.util.ArrayList<>(args);
        if (out.get(0).equals("audit")) {
            out.add(1, "--history=jdbc:h2:file:" + work.resolve("history").toAbsolutePath());
        }
        return out.toArray(String[]::new);
    }
}
