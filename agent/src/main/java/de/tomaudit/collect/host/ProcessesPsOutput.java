package de.tomaudit.collect.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ps -e -o user=,comm=,args=} (procps-ng). The columns are fixed width: the user
 * name (procps cuts names over 8 characters to 7 and {@code +}), one space, the command name
 * padded to 15 characters (the kernel's limit; it may contain spaces), one space, the full
 * argument line. Lines that fit no layout are returned as problems.
 */
public final class ProcessesPsOutput {

    private static final int COMM_WIDTH = 15;

    /** Parsed rows, and the 1-based numbers of lines that could not be read. */
    public record Parsed(List<ProcessesEntry> entries, List<String> problems) { }

    private ProcessesPsOutput() { }

    public static Parsed parse(String output) {
        List<ProcessesEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = output.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            String trimmed = line.stripLeading();
            int userEnd = firstSpace(trimmed);
            if (userEnd < 0 || hasControlChars(line)) {
                problems.add("line " + (n + 1) + ": not a ps line");
                continue;
            }
            String user = trimmed.substring(0, userEnd);
            String rest = trimmed.substring(userEnd).stripLeading();
            String comm;
            String args;
            if (rest.length() > COMM_WIDTH && rest.charAt(COMM_WIDTH) == ' ') {
                comm = rest.substring(0, COMM_WIDTH).strip();
                args = rest.substring(COMM_WIDTH + 1).strip();
            } else {
                int sp = firstSpace(rest);
                comm = sp < 0 ? rest : rest.substring(0, sp);
                args = sp < 0 ? "" : rest.substring(sp).strip();
            }
            if (comm.isEmpty()) {
                problems.add("line " + (n + 1) + ": no command name");
                continue;
            }
            entries.add(new ProcessesEntry(user, comm, ProcessesArgumentRedactor.redact(args)));
        }
        return new Parsed(entries, problems);
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasControlChars(String s) {
        return s.chars().anyMatch(c -> c < 0x20 && c != '\t');
    }
}
