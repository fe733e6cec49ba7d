package fr.vigie.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A Lambda context for handler tests; what the handlers logged under it is read back from the real logger's lines. */
public final class TestLambdaContext implements Context {

    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    private int remainingMillis = 60_000;

    public TestLambdaContext(String functionName) {
        this.functionName = functionName;
        LogCapture.install();
    }

    /**
     * Every line the handlers logged while running with this context, in order: the JSON lines of the
     * functions' logger ({@link LogCapture}) whose {@code function_request_id} is this context's.
     */
    public List<String> logged() {
        String field = "\"function_request_id\":\"" + requestId + "\"";
        return LogCapture.lines().stream().filter(l -> l.contains(field)).toList();
    }

    /** Those of {@link #logged()} at level ERROR. */
    public List<String> loggedErrors() {
        return logged().stream().filter(l -> l.contains("\"level\":\"ERROR\"")).toList();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-3:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    /** The same context with {@code millis} left before the function's deadline (60 s by default). */
    public TestLambdaContext remaining(int millis) {
        remainingMillis = millis;
        return this;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
