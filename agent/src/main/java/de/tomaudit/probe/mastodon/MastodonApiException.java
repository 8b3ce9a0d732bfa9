package de.tomaudit.probe.mastodon;

/** A Mastodon API call that gave no usable JSON: refused, timed out, HTML, an HTTP error, a redirect loop. */
public final class MastodonApiException extends Exception {
    private final boolean connection;
    private final int status;

    MastodonApiException(String message, boolean connection, int status) {
        super(message);
        this.connection = connection;
        this.status = status;
    }

    /** True when the server could not be reached at all (every later call would fail the same way). */
    public boolean connection() {
        return connection;
    }

    /** The HTTP status, or 0 when there was none. */
    public int status() {
        return status;
    }
}
