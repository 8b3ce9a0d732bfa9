package de.tomaudit.rules;

/** A rule or rule-test file that cannot be used, with file and 1-based line. */
public class RuleFileException extends Exception {

    public RuleFileException(String message) {
        super(message);
    }
}
