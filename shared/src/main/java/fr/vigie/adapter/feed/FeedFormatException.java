package fr.vigie.adapter.feed;

/** The feed as a whole cannot be read (no header, a required column absent from it): nothing was taken. */
public class FeedFormatException extends Exception {
    public FeedFormatException(String message) {
        super(message);
    }
}
