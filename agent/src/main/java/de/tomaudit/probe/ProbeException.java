package de.tomaudit.probe;

/**
 * A probe of one endpoint could not be completed. The kind says what went wrong on the wire;
 * the message names the endpoint and what was seen. Probes turn these into per-endpoint error
 * values; nothing above the probe phase ever sees the exception.
 */
public final class ProbeException extends Exception {

    public enum Kind {
        /** Nothing listens (TCP RST to the SYN). */
        REFUSED,
        /** No answer within the read or connect timeout. */
        TIMEOUT,
        /** The server reset the connection. */
        RESET,
        /** The server closed the connection where an answer was due. */
        CLOSED,
        /** The server sent bytes that are not the protocol expected. */
        GARBAGE,
        /** The server sent more than the probe accepts (a huge certificate chain, an endless stream). */
        TOO_LARGE,
        /** The server did not offer STARTTLS, or refused it. */
        STARTTLS,
        /** The probe budget of the target is used up. */
        BUDGET,
        /** Any other I/O failure (no route, TLS library refusal). */
        IO
    }

    private final Kind kind;

    public ProbeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProbeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
