package fr.vigie.adapter.aws;

import com.amazonaws.services.lambda.runtime.Context;
import fr.vigie.adapter.feed.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How every function logs (issue 17): through SLF4J into Powertools for AWS Lambda logging, one JSON
 * object per line with a real level ({@code level}), the event name as {@code message}, the Lambda
 * context as fields ({@code function_request_id}, {@code cold_start}, {@code function_name}, ...) and
 * the line's own fields at the top level ({@code facilityId}, {@code deviceId}, ...), so that
 * CloudWatch Logs Insights can filter on them under the template's JSON log format.
 * <p>
 * Each handler runs its body through {@link #handle}: the context's fields are set for the
 * invocation and cleared after it, and an exception that leaves the handler is logged at ERROR
 * ({@code handler_failed}, with the exception) before the runtime reports it.
 */
public final class HandlerLogging {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerLogging.class);

    /**
     * What every function's logging reads from its environment (the template's {@code Globals}):
     * Powertools' {@code service} field, which reads {@code service_undefined} without it.
     */
    public static final List<String> ENV = List.of("POWERTOOLS_SERVICE_NAME");

    private HandlerLogging() {
    }

    /**
     * Runs one invocation's body with the context's log fields. {@code context} may be null (the
     * local console calls the HTTP handlers without a Lambda context): failures are still logged.
     */
    public static <T> T handle(Context context, Supplier<T> body) {
        if (context == null) {
            return failuresLogged(body);
        }
        return PowertoolsLogging.withLogging(context, () -> failuresLogged(body));
    }

    /** One line: {@code event} as the message, each of {@code fields} a JSON field of its own (numbers and maps kept as such). */
    public static void log(Logger logger, Level level, String event, Map<String, ?> fields) {
        withFields(logger.atLevel(level), fields).log(event);
    }

    /** The same, the fields being a record's properties as the stored JSON writes them ({@link Json}). */
    @SuppressWarnings("unchecked")
    public static void logRecord(Logger logger, Level level, String event, Object fields) {
        log(logger, level, event, Json.MAPPER.convertValue(fields, Map.class));
    }

    /** An unexpected failure: ERROR, the exception's class, message and stack trace in {@code error}, and the fields. */
    public static void failure(Logger logger, String event, Map<String, ?> fields, Throwable failure) {
        withFields(logger.atError(), fields).setCause(failure).log(event);
    }

    /**
     * The fields as one structured argument, their values first made plain JSON values (maps, lists,
     * strings, numbers, booleans) by the stored JSON's mapper: Powertools writes those itself (its
     * fallback for other objects needs the JMESPath library, left out of the jars). No fields, no
     * argument (Powertools would leave a dangling comma).
     */
    @SuppressWarnings("unchecked")
    private static LoggingEventBuilder withFields(LoggingEventBuilder line, Map<String, ?> fields) {
        return fields.isEmpty() ? line : line.addArgument(StructuredArguments.entries(Json.MAPPER.convertValue(fields, Map.class)));
    }

    private static <T> T failuresLogged(Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException | Error e) {
            failure(LOG, "handler_failed", Map.of(), e);
            throw e;
        }
    }
}
