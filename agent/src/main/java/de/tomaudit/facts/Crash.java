package de.tomaudit.facts;

/**
 * Describes an unexpected exception without its message: a message may carry text read from a
 * target ({@code NumberFormatException: For input string: "<a password>"}), and whatever the
 * description says reaches errors, findings and logs. The exception's class and the innermost
 * frame of the agent's own code say enough to find the bug.
 */
public final class Crash {

    private Crash() { }

    /** {@code NumberFormatException at de.tomaudit.collect.host.Foo.bar(Foo.java:12)}. */
    public static String describe(Throwable t) {
        Throwable root = t;
        for (int i = 0; i < 8 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        StringBuilder b = new StringBuilder(root.getClass().getSimpleName());
        for (StackTraceElement e : root.getStackTrace()) {
            if (e.getClassName().startsWith("de.tomaudit.")) {
                b.append(" at ").append(e);
                break;
            }
        }
        return b.toString();
    }
}
