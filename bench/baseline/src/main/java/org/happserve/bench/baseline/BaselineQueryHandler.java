package org.happserve.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.LookupComplaints;
import org.happserve.aws.DynamoRateLimiter;
import org.happserve.ports.Metrics;
import org.happserve.lookup.QueryComplaintsHandler;

/** QueryComplaintsHandler's logic, wired naively (see {@link Naive}). */
public final class BaselineQueryHandler implements RequestStreamHandler {
    private final QueryComplaintsHandler delegate;

    public BaselineQueryHandler() {
        Naive n = new Naive();
        delegate = new QueryComplaintsHandler(new LookupComplaints(n.store, n.clock), n.directory, n.callers(),
                new CitizenThrottle(new DynamoRateLimiter(n.dynamo, n.env.get("TABLE_NAME")), CitizenThrottle.Limits.from(n.env),
                        n.clock, Metrics.NONE));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
