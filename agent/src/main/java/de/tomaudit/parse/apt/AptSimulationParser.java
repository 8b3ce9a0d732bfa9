package de.tomaudit.parse.apt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code apt-get -s dist-upgrade} (C locale). Only {@code Inst} lines
 * matter; {@code Conf} and {@code Remv} lines and the human summary are skipped. An
 * {@code E:} line or an {@code Inst} line that does not have the documented shape is a
 * problem, so that garbage output is never taken for "nothing pending".
 */
public final class AptSimulationParser {

    private static final Pattern INST = Pattern.compile(
            "^Inst (\\S+)(?: \\[([^\\]]*)\\])? \\((\\S+) (.*?) ?\\[([^\\]]+)\\]\\).*$");

    private AptSimulationParser() { }

    public static AptSimulation parse(String source, String output) {
        List<PendingUpdate> updates = new ArrayList<>();
        List<AptConfProblem> problems = new ArrayList<>();
        int lineNo = 0;
        boolean recognised = false;
        for (String line : output.split("\n", -1)) {
            lineNo++;
            if (line.startsWith("Inst ")) {
                recognised = true;
                Matcher m = INST.matcher(line);
                if (!m.matches()) {
                    problems.add(new AptConfProblem(source, lineNo, "unrecognised Inst line: " + abbreviate(line)));
                    continue;
                }
                List<String> origins = Arrays.stream(m.group(4).split(",\\s*"))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList();
                updates.add(new PendingUpdate(m.group(1), Optional.ofNullable(m.group(2)), m.group(3),
                        origins, m.group(5), lineNo));
            } else if (line.startsWith("E: ")) {
                problems.add(new AptConfProblem(source, lineNo, line.substring(3).strip()));
            } else if (line.startsWith("Reading package lists") || line.startsWith("Conf ")
                    || line.startsWith("Remv ") || line.matches("^\\d+ upgraded, .*")) {
                recognised = true;
            }
        }
        if (!recognised && problems.isEmpty()) {
            problems.add(new AptConfProblem(source, 1, de.tomaudit.i18n.AuditTexts.get("parse.apt.simulation")));
        }
        return new AptSimulation(updates, problems);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
