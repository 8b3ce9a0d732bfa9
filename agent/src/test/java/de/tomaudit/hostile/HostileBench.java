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
        // warm-up: class loading and JIT should not count against the 1x runs
        for (HostileCorpus.Case c : HostileCorpus.generated(work.resolve("warm"), 1)) {
            System.setErr(devNull);
            Main.execute(c.args().toArray(String[]::new), devNull, devNull);
            System.setErr(realErr);
        }
        for (int s = 0; s < scales.length; s++) {
            List<HostileCorpus.Case> cases = HostileCorpus.generated(work.resolve("x" + scales[s]), scales[s]);
            for (HostileCorpus.Case c : cases) {
                long start = System.nanoTime();
                int code;
                System.setErr(devNull);
                try {
                    code = Main.execute(c.args().toArray(String[]::new), devNull, devNull);
                } finally {
                    System.setErr(realErr);
                }
                double t = (System.nanoTime() - start) / 1e9;
                seconds.computeIfAbsent(c.name(), k -> new double[scales.length])[s] = t;
                System.out.printf("%s %dx %.2f s exit %d%n", c.name(), scales[s], t, code);
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
}
