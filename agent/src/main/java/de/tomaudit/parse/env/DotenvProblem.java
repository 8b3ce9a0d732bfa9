package de.tomaudit.parse.env;

/** A line of a dotenv file that is not an assignment dotenv would read, or a reference it cannot resolve. */
public record DotenvProblem(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
