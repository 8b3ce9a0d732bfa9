package de.tomaudit.fleet;

/** An inventory file that cannot be used, with the file and 1-based line of the problem. */
public final class InventoryException extends Exception {
    private final String file;
    private final int line;

    public InventoryException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
