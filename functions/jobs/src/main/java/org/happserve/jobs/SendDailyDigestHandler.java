package org.happserve.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.happserve.app.DailyDigest;
import org.happserve.aws.Adapters;
import org.happserve.http.Json;

/** Run by EventBridge Scheduler each morning: emails the commissioners yesterday's figures. */
public final class SendDailyDigestHandler implements RequestStreamHandler {
    private final DailyDigest digest;

    public SendDailyDigestHandler() {
        this(System.getenv());
    }

    public SendDailyDigestHandler(Map<String, String> env) {
        this(Adapters.from(env));
    }

    private SendDailyDigestHandler(Adapters a) {
        this(new DailyDigest(a.complaintStore(), a.directory(), a.notifier(), a.clock()));
    }

    public SendDailyDigestHandler(DailyDigest digest) {
        this.digest = digest;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes(); // the schedule's payload carries nothing this job needs
        Json.MAPPER.writeValue(output, Json.object().put("sent", digest.send()));
    }
}
