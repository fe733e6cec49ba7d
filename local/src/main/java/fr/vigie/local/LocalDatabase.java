package fr.vigie.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.dynamodb.WriteBehindClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Amazon DynamoDB Local embedded in the JVM, with the tables created: in memory for the demo, or
 * kept on disk in a folder ({@code --db}) so that {@code ./vigie retex} reads what replay stored.
 * <p>
 * On disk, DynamoDB Local syncs every batch to SQLite: a season then takes a minute on an ordinary
 * disk against seconds in RAM (docs/benchmarks.md). So the run works on a copy in {@code /dev/shm}
 * and the database is moved back into the folder when the run ends: the folder always holds the
 * last complete run, never a half-written one. A lock file keeps two runs off the same folder.
 * <p>
 * Since the copy is thrown away if the run dies, a commit's durability on it is worth nothing: its
 * SQLite connection commits without syncing, keeps its rollback journal in memory and locks the file once
 * ({@link #SCRATCH_SETTINGS}), which takes DynamoDB Local's on-disk writes from about 3.5 to about 1.3 times
 * its in-memory ones (docs/benchmarks.md, issue 18).
 */
public final class LocalDatabase implements AutoCloseable {

    static final String FILE = "vigie.db";
    private static final Logger LOG = LoggerFactory.getLogger(LocalDatabase.class);

    /**
     * SQLite settings of the scratch copy (sqlite.org/pragma.html): {@code synchronous=OFF}, no sync at
     * commit; {@code journal_mode=MEMORY}, the rollback journal kept in memory, not in a file beside;
     * {@code locking_mode=EXCLUSIVE}, the file locked once for the connection's life, not at each transaction (which
     * also re-reads the file's header to know whether another process changed it: nobody else opens the copy).
     */
    static final Map<String, String> SCRATCH_SETTINGS = scratchSettings();

    private static Map<String, String> scratchSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("synchronous", "OFF");
        settings.put("journal_mode", "MEMORY");
        settings.put("locking_mode", "EXCLUSIVE");
        return Collections.unmodifiableMap(settings);
    }

    private final AmazonDynamoDBLocal engine;
    private final DynamoDbClient client;
    /** On a fresh database, the alert pipeline's client: its writes run behind ({@link #alertPipelineClient}); else null. */
    private final WriteBehindClient writesBehind;
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
        this.writesBehind = fresh ? new WriteBehindClient(client, "alerts-writer") : null;
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
        return new LocalDatabase(scratchEngine(copy.toFile()), folder, copy, channel, lock, fresh);
    }

    /**
     * DynamoDB Local on the database file {@code file}, a scratch copy ({@link #SCRATCH_SETTINGS} applied
     * to its SQLite connection when the engine's SQLite queue can be reached; else, with a warning, its defaults).
     */
    public static AmazonDynamoDBLocal scratchEngine(File file) {
        AmazonDynamoDBLocal engine = DynamoDBEmbedded.create(file, true);
        Map<String, String> now = applyScratchSettings(engine);
        if (now.isEmpty()) {
            LOG.atWarn().addKeyValue("dynamodbLocal", DynamoDBEmbedded.class.getPackage().getImplementationVersion())
                    .log("scratch_settings_unavailable");
        } else {
            LOG.atDebug().addKeyValue("settings", now).log("scratch_settings");
        }
        return engine;
    }

    /**
     * Applies {@link #SCRATCH_SETTINGS} to the engine's SQLite connection.
     *
     * @return each setting as SQLite then reads it back (e.g. {@code synchronous=0, journal_mode=memory}); empty when
     *         the engine's SQLite queue could not be found (nothing changed)
     */
    static Map<String, String> applyScratchSettings(AmazonDynamoDBLocal engine) {
        SQLiteQueue queue = sqliteQueue(engine, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (queue == null) {
            return Map.of();
        }
        return queue.execute(new SQLiteJob<Map<String, String>>() {
            @Override
            protected Map<String, String> job(SQLiteConnection connection) throws com.almworks.sqlite4java.SQLiteException {
                Map<String, String> now = new LinkedHashMap<>();
                for (Map.Entry<String, String> setting : SCRATCH_SETTINGS.entrySet()) {
                    connection.exec("PRAGMA " + setting.getKey() + "=" + setting.getValue());
                    SQLiteStatement statement = connection.prepare("PRAGMA " + setting.getKey());
                    try {
                        statement.step();
                        now.put(setting.getKey(), statement.columnString(0));
                    } finally {
                        statement.dispose();
                    }
                }
                return now;
            }
        }).complete();
    }

    /**
     * The SQLite queue (the one thread that owns the connection) inside DynamoDB Local's engine, found by
     * walking its fields: DynamoDB Local has no option for the connection's settings.
     */
    private static SQLiteQueue sqliteQueue(Object node, int depth, Set<Object> seen) {
        if (node == null || depth > 5 || !seen.add(node)) {
            return null;
        }
        if (node instanceof SQLiteQueue queue) {
            return queue;
        }
        for (Class<?> type = node.getClass(); type != null && !type.getName().startsWith("java."); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive() || field.getType().isArray()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    SQLiteQueue found = sqliteQueue(field.get(node), depth + 1, seen);
                    if (found != null) {
                        return found;
                    }
                } catch (ReflectiveOperationException | RuntimeException unreachable) {
                    // a field closed to reflection: not the way to the queue
                }
            }
        }
        return null;
    }

    /** True when the database held nothing when opened: its stores have nothing to read back. */
    public boolean fresh() {
        return fresh;
    }

    public DynamoDbClient client() {
        return client;
    }

    /**
     * The client of the alert pipeline's stores (alert states and events, national disruptions, the outbox, the
     * reminders' log). On a fresh database their memory caches decide every condition, so their writes run behind on
     * one thread ({@link WriteBehindClient}), off the evaluation's; a read through it waits for them, and so does
     * {@link #close()}. On a database that held a run already, {@link #client()} itself: its conditions are answered
     * by what the earlier run stored.
     */
    public DynamoDbClient alertPipelineClient() {
        return writesBehind != null ? writesBehind : client;
    }

    public Tables.Names tables() {
        return Tables.Names.defaults();
    }

    /**
     * Waits for the writes behind, then shuts the engine down and, on disk, moves the database into its folder.
     *
     * @throws IllegalStateException a write behind failed: the folder keeps the previous run's database
     */
    @Override
    public void close() throws IOException {
        boolean written = false;
        try {
            if (writesBehind != null) {
                writesBehind.sync();
            }
            written = true;
        } finally {
            client.close();
            engine.shutdown();
            if (folder != null) {
                keep(written);
            }
        }
    }

    /** Moves the scratch copy into the folder if {@code written}; in any case removes it and releases the lock. */
    private void keep(boolean written) throws IOException {
        try {
            if (!written) {
                return;
            }
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
