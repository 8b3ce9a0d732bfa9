package de.tomaudit.history;

/** The history database cannot be used: the message is one line naming the database and what is wrong. */
public final class HistoryException extends Exception {
    public HistoryException(String message) {
        super(message);
    }
}
