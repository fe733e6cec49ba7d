package fr.vigie.local;

import java.io.PrintStream;

/** A progress line on stderr: rewritten in place on a terminal, a few plain lines in a log. */
final class Progress {

    private final PrintStream err;
    private final String label;
    private final boolean terminal = System.console() != null;
    private long lastQuarter = -1;

    Progress(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    void show(long done, long total) {
        if (terminal) {
            err.print("\r" + label + " : " + done + "/" + total + (done == total ? "\n" : ""));
            err.flush();
            return;
        }
        long quarter = total == 0 ? 4 : done * 4 / total;
        if (quarter != lastQuarter) {
            lastQuarter = quarter;
            err.println(label + " : " + done + "/" + total);
        }
    }
}
