package fr.vigie.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import fr.vigie.adapter.dynamodb.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Amazon DynamoDB Local embedded in the JVM, with the tables created: in memory for the demo, or
 * kept on disk in a folder ({@code --db}) so that {@code ./vigie retex} reads what replay stored.
 * <p>
 * On disk, DynamoDB Local syncs every batch to SQLite: a season then takes a minute on an ordinary
 * disk against seconds in RAM (docs/benchmarks.md). So the run works on a copy in {@code /dev/shm}
 * and the database is moved back into the folder when the run ends: the folder always holds the
 * last complete run, never a half-written one. A lock file keeps two runs off the same folder.
 */
public final class LocalDatabase implements AutoCloseable {

    static final String FILE = "vigie.db";
    private static final Logger LOG = LoggerFactory.getLogger(LocalDatabase.class);

    private final AmazonDynamoDBLocal engine;
    private final DynamoDbClient client;
    private final Path folder;
    private final Path workingCopy;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Whether the database held nothing when opened (in memory, or no file in the folder yet). */
    private final boolean fresh;

    private LocalDatabase(AmazonDynamoDBLocal engine, Path folder, Path workingCopy, FileChannel lockChannel, FileLock lock,
                          boolean fresh) {
        this.fresh = fresh;
        this.engine = engine;
        this.client = engine.dynamoDbClient();
        this.folder = folder;
        this.workingCopy = workingCopy;
        this.lockChannel = lockChannel;
        this.lock = lock;
        Tables.createMissingLocally(client, Tables.Names.defaults());
    }

    public static LocalDatabase inMemory() {
        return new LocalDatabase(DynamoDBEmbedded.create(true), null, null, null, null, true);
    }

    /** Opens (or creates) the database kept in {@code folder}. */
    public static LocalDatabase onDisk(Path folder) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("la base " + folder + " est déjà utilisée par un autre ./vigie");
        }
        Path scratch = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
                ? Files.createTempDirectory(Path.of("/dev/shm"), "vigie-") : Files.createTempDirectory("vigie-");
        Path copy = scratch.resolve(FILE);
        boolean fresh = !Files.exists(folder.resolve(FILE));
        if (!fresh) {
            Files.copy(folder.resolve(FILE), copy);
        }
        return new LocalDatabase(DynamoDBEmbedded.create(copy.toFile(), true), folder, copy, channel, lock, fresh);
    }

    /** True when the database held nothing when opened: its stores have nothing to read back. */
    public boolean fresh() {
        return fresh;
    }

    public DynamoDbClient client() {
        return client;
    }

    public Tables.Names tables() {
        return Tables.Names.defaults();
    }

    @Override
    public void close() throws IOException {
        client.close();
        engine.shutdown();
        if (folder == null) {
            return;
        }
        try {
            Path next = folder.resolve(FILE + ".next");
            Files.copy(workingCopy, next, StandardCopyOption.REPLACE_EXISTING);
            Files.move(next, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            try {
                Files.deleteIfExists(workingCopy);
                Files.deleteIfExists(workingCopy.getParent());
            } catch (IOException e) {
                LOG.atDebug().setCause(e).log("scratch_copy_left_behind");
            }
            lock.release();
            lockChannel.close();
        }
    }
}
