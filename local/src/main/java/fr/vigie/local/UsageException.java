package fr.vigie.local;

/** Bad usage or an invalid input file: exit code 2, with a message that says what to fix. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
