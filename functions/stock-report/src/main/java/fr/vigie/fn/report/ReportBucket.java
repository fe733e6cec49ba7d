package fr.vigie.fn.report;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The reports bucket as the S3-triggered handler uses it (an adapter): a dropped file read as a
 * stream, an answer written as JSON beside it. S3 failures are thrown as the SDK throws them, so the
 * invocation fails and Lambda retries it.
 */
final class ReportBucket {

    private final S3Client s3;

    ReportBucket(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * True for a folder marker: the empty object whose key ends in {@code /} that the S3 console's
     * "Create folder" puts, and whose event comes like a file's. Not a file to read or answer.
     */
    static boolean isFolder(String key) {
        return key.endsWith("/");
    }

    /** The object's content, to close after reading. */
    InputStream open(String bucket, String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    /** The whole object as UTF-8 text (a notices file: small). */
    String readUtf8(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /** Writes {@code json} (UTF-8) at {@code key}. */
    void writeJson(String bucket, String key, String json) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json; charset=utf-8"),
                RequestBody.fromString(json, StandardCharsets.UTF_8));
    }
}
