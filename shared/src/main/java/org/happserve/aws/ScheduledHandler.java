package org.happserve.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.happserve.http.Json;

/**
 * A function EventBridge Scheduler runs: the schedule's payload carries nothing a job needs, and
 * what the job did is the function's result (seen in the invocation's log and by tests).
 */
public abstract class ScheduledHandler implements RequestStreamHandler {
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        Json.MAPPER.writeValue(output, run());
    }

    /** Runs the job once; a failure fails the invocation, which the schedule's retry policy repeats. */
    protected abstract ObjectNode run();
}
