package de.tomaudit.parse.ejabberd;

/** A place in a configuration file: path and 1-based line (0 when the whole file is meant). */
public record Loc(String file, int line) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
