package fr.vigie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts: each function's shaded jar in a fresh JVM under AWS's runtime interface client, fed
 * its sample event by {@link RuntimeApiStandIn}, timed from the process start to the first answer;
 * the same for a bare {@link HelloHandler}, in the same rounds, for the ratio.
 * <p>
 * SnapStart (template.yaml) is measured as far as this machine allows: the same jar under the
 * runtime client's SnapStart initialisation type ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start},
 * CRaC hooks through the client's own context), which runs the priming hook where Lambda would
 * snapshot, asks for the restore, then takes the event. No CRaC JVM here, so no real snapshot: the
 * restored cold start is estimated as the paired bare handler's whole cold start (standing in for
 * the restore, which replaces a JVM start and the class loading) plus the function's first answer
 * after the restore ({@link Run#afterRestoreMs}).
 */
final class ColdStart {

    static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** A function of template.yaml: its handler, jar and sample event. */
    record Function(String handler, Path jar, Path event) {
        String simpleName() {
            return handler.substring(handler.lastIndexOf('.') + 1);
        }
    }

    /** One child run; {@code afterRestoreMs} is NaN without SnapStart. */
    record Run(double initMs, double answerMs, double cpuMs, String kind, String detail, double afterRestoreMs) {
    }

    /** A function's runs, each paired with the bare handler's run just before it, and their medians. */
    record Measured(Function function, List<Run> runs, List<Run> pairedHello) {
        /** The median of each run's time over its paired bare run's: the ratio least moved by the machine's load. */
        double medianPairedRatio() {
            double[] ratios = new double[runs.size()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = runs.get(i).answerMs() / pairedHello.get(i).answerMs();
            }
            return median(ratios);
        }

        double medianAnswerMs() {
            return median(runs.stream().mapToDouble(Run::answerMs).toArray());
        }

        double medianCpuMs() {
            return median(runs.stream().mapToDouble(Run::cpuMs).toArray());
        }

        /** The same pairing on the CPU time the child used up to its answer: what the machine's load moves least. */
        double medianPairedCpuRatio() {
            double[] ratios = new double[runs.size()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = runs.get(i).cpuMs() / pairedHello.get(i).cpuMs();
            }
            return median(ratios);
        }

        /**
         * The SnapStart estimate over the bare handler, each run paired: (bare cold start + the
         * function's answer after the restore) / bare cold start. NaN when not run under SnapStart.
         */
        double medianPairedRestoredRatio() {
            double[] ratios = new double[runs.size()];
            for (int i = 0; i < ratios.length; i++) {
                double bare = pairedHello.get(i).answerMs();
                ratios[i] = (bare + runs.get(i).afterRestoreMs()) / bare;
            }
            return median(ratios);
        }

        double medianAfterRestoreMs() {
            return median(runs.stream().mapToDouble(Run::afterRestoreMs).toArray());
        }

        double medianInitMs() {
            return median(runs.stream().mapToDouble(Run::initMs).toArray());
        }

        String kinds() {
            return runs.stream().map(Run::kind).distinct().reduce((a, b) -> a + "/" + b).orElse("-");
        }
    }

    private final Path root;
    private final String runtimeClasspath;
    private final Path helloClasses;
    private final Map<String, String> env;
    private final Path logs;

    ColdStart(Path root, String runtimeClasspath, Path helloClasses, Map<String, String> env) throws IOException {
        this.root = root;
        this.runtimeClasspath = runtimeClasspath;
        this.helloClasses = helloClasses;
        this.env = env;
        this.logs = Files.createTempDirectory("vigie-coldstart-");
    }

    Path logs() {
        return logs;
    }

    /** The functions of template.yaml, each with the sample event events/README.md names for its handler. */
    static List<Function> functions(Path root) throws IOException {
        Map<String, Path> eventOf = new HashMap<>();
        Matcher m = Pattern.compile("\\|\\s*`([\\w.-]+\\.json)`\\s*\\|[^|]*\\|\\s*`(fr\\.vigie\\.[\\w.]+)`")
                .matcher(Files.readString(root.resolve("events/README.md")));
        while (m.find()) {
            eventOf.putIfAbsent(m.group(2), root.resolve("events").resolve(m.group(1)));
        }
        Map<String, Function> out = new LinkedHashMap<>();
        String codeUri = null;
        for (String line : Files.readAllLines(root.resolve("template.yaml"))) {
            String t = line.strip();
            if (t.startsWith("CodeUri:")) {
                codeUri = t.substring("CodeUri:".length()).strip();
            } else if (t.startsWith("Handler:") && codeUri != null) {
                String handler = t.substring("Handler:".length()).strip().replace("::handleRequest", "");
                out.putIfAbsent(handler, new Function(handler, root.resolve(codeUri), eventOf.get(handler)));
                codeUri = null;
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The runtime client's own jars (client, serialization, lambda-core), from the bench's classpath. */
    String runtimeJars() {
        List<String> jars = new ArrayList<>();
        for (String entry : runtimeClasspath.split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client") || name.startsWith("aws-lambda-java-serialization")
                    || name.startsWith("aws-lambda-java-core")) {
                jars.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    Run hello(int round) throws IOException, InterruptedException {
        return runChild("hello-" + round, helloClasses.toString(), HelloHandler.class.getName(), "{\"hello\":\"world\"}".getBytes());
    }

    Run function(Function f, int round) throws IOException, InterruptedException {
        return runChild(f.simpleName() + "-" + round, f.jar().toString(), f.handler(), event(f), false);
    }

    /** The same under SnapStart's initialisation: priming at the checkpoint, then the restore, then the event. */
    Run snapStart(Function f, int round) throws IOException, InterruptedException {
        return runChild(f.simpleName() + "-snapstart-" + round, f.jar().toString(), f.handler(), event(f), true);
    }

    private static byte[] event(Function f) throws IOException {
        return f.event() == null ? "{}".getBytes() : Files.readAllBytes(f.event());
    }

    private Run runChild(String name, String classpath, String handler, byte[] event) throws IOException, InterruptedException {
        return runChild(name, classpath, handler, event, false);
    }

    private Run runChild(String name, String classpath, String handler, byte[] event, boolean snapStart)
            throws IOException, InterruptedException {
        try (RuntimeApiStandIn api = new RuntimeApiStandIn(event)) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_FLAGS);
            if (snapStart) {
                // org.crac's hooks through the runtime client's CRaC context, as on Lambda's Java runtime
                command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
            }
            command.add("-cp");
            command.add(runtimeJars() + java.io.File.pathSeparator + classpath);
            command.add(RUNTIME_MAIN);
            command.add(handler + "::handleRequest");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile()).directory(root.toFile());
            pb.environment().putAll(env);
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("_HANDLER", handler + "::handleRequest");
            pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "vigie-bench-" + name);
            if (snapStart) {
                pb.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            }
            long start = System.nanoTime();
            Process p = pb.start();
            try {
                RuntimeApiStandIn.Answer a = api.answer().get(60, TimeUnit.SECONDS);
                // CPU time of the child (all its threads: JIT compilers and GC included) up to its answer
                double cpuMs = p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
                double answerMs = (a.answerNanos() - start) / 1e6;
                double initMs = a.firstNextNanos() == 0 ? Double.NaN : (a.firstNextNanos() - start) / 1e6;
                double afterRestoreMs = a.restoreNanos() == 0 ? Double.NaN : (a.answerNanos() - a.restoreNanos()) / 1e6;
                return new Run(initMs, answerMs, cpuMs, a.kind(), a.kind().equals("response") ? "" : errorType(a.body()), afterRestoreMs);
            } catch (ExecutionException | TimeoutException e) {
                return new Run(Double.NaN, Double.NaN, Double.NaN, "no answer", e.toString(), Double.NaN);
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static String errorType(String body) {
        Matcher m = Pattern.compile("\"errorType\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        Matcher msg = Pattern.compile("\"errorMessage\"\\s*:\\s*\"([^\"]{0,120})").matcher(body);
        return (m.find() ? m.group(1) : "error") + (msg.find() ? ": " + msg.group(1) : "");
    }

    static double median(double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
