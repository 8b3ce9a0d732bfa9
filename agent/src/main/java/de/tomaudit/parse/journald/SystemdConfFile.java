package de.tomaudit.parse.journald;

import java.util.List;

/** A parsed systemd configuration file: its assignments in order and the lines it could not use. */
public record SystemdConfFile(String path, List<SystemdConfEntry> entries, List<String> problems) {

    public SystemdConfFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }
}
