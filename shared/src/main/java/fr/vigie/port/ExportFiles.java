package fr.vigie.port;

import java.io.IOException;
import java.io.OutputStream;

/** Where an export writes its files: a local folder, or an S3 prefix for the retex-export function. */
@FunctionalInterface
public interface ExportFiles {

    /** A new file named {@code name}; the file is complete when the stream is closed. */
    OutputStream create(String name) throws IOException;
}
