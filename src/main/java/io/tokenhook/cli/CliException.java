package io.tokenhook.cli;

/**
 * A failure the CLI reports as one line, {@code tokenhook: <message>}, with its exit code: {@link #USAGE} (2) for
 * what the user typed, {@link #FAILURE} (1) for what the server or the network refused.
 */
final class CliException extends RuntimeException {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final int exitCode;
    private final int status;
    private final String errorCode;
    private final String detail;

    private CliException(int exitCode, String message, int status, String errorCode, String detail) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.status = status;
        this.errorCode = errorCode;
        this.detail = detail;
    }

    /** The user's input is wrong: a bad flag value, a missing file, a missing confirmation. */
    static CliException usage(String message) {
        return new CliException(USAGE, message, 0, null, message);
    }

    /** Something outside the input failed: the network, a lookup, an editor. */
    static CliException failure(String message) {
        return new CliException(FAILURE, message, 0, null, message);
    }

    /** The server refused a request: {@code message (status errorCode)}, on one line. */
    static CliException server(String message, int status, String errorCode) {
        String suffix = errorCode == null ? " (" + status + ")" : " (" + status + " " + errorCode + ")";
        return new CliException(FAILURE, Http.oneLine(message) + suffix, status, errorCode, message);
    }

    int exitCode() {
        return exitCode;
    }

    /** The HTTP status of a server refusal, 0 otherwise. */
    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    /** The server's message as it sent it (a script error may span lines); the message otherwise. */
    String detail() {
        return detail;
    }
}
