package de.tomaudit.parse.sshd;

/** A line sshd would refuse to read (an unterminated quote, say). */
public class SshdSyntaxException extends Exception {

    public SshdSyntaxException(String message) {
        super(message);
    }
}
