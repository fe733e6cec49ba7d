package fr.vigie.fn.retex;

import fr.vigie.port.ExportFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Export files under an S3 prefix: each is written to the function's /tmp first (a season's
 * snapshots file is larger than a Lambda's memory should hold) and uploaded when it is closed.
 */
final class S3ExportFiles implements ExportFiles {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3ExportFiles(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public OutputStream create(String name) throws IOException {
        Path local = Files.createTempFile("retex-", "-" + name);
        return new FilterOutputStream(Files.newOutputStream(local)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                super.close();
                try {
                    s3.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromFile(local));
                } finally {
                    Files.deleteIfExists(local);
                }
            }
        };
    }
}
