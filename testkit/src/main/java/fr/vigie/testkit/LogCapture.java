package fr.vigie.testkit;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The JSON lines Vigie's code logs, as the functions' backend writes them: an appender on the
 * {@code fr.vigie} loggers (at INFO) with Powertools' Lambda layout ({@code LambdaJsonLayout.json},
 * the layout of functions/logging/log4j2.xml), keeping each formatted line in memory. Installed
 * once per test JVM, on first use.
 */
public final class LogCapture {

    private static final List<String> LINES = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private LogCapture() {
    }

    /** Every line captured so far in this JVM, oldest first. */
    public static List<String> lines() {
        install();
        return List.copyOf(LINES);
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder().setConfiguration(config)
                .setEventTemplateUri("classpath:LambdaJsonLayout.json").build();
        AbstractAppender appender = new AbstractAppender("vigie-test-capture", null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                LINES.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8).strip());
            }
        };
        appender.start();
        config.addAppender(appender);
        LoggerConfig vigie = config.getLoggers().get("fr.vigie");
        if (vigie == null) {
            vigie = new LoggerConfig("fr.vigie", Level.INFO, true);
            config.addLogger("fr.vigie", vigie);
        }
        vigie.addAppender(appender, null, null);
        context.updateLoggers();
        installed = true;
    }
}
