package de.tomaudit.probe.tls;

/** A message from the server whose structure is broken (lengths that do not add up, unknown types). */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String message) {
        super(message);
    }
}
