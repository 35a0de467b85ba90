package org.happserve.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.happserve.app.ComplaintServices;
import org.happserve.app.RegisterComplaints;
import org.happserve.domain.Messages;
import org.happserve.register.RegisterComplaintHandler;

/** RegisterComplaintHandler's logic, wired naively (see {@link Naive}). */
public final class BaselineRegisterHandler implements RequestStreamHandler {
    private final RegisterComplaintHandler delegate;

    public BaselineRegisterHandler() {
        Naive n = new Naive();
        delegate = new RegisterComplaintHandler(new RegisterComplaints(new ComplaintServices(n.store, n.directory, Messages.load(),
                n.dispatcher(), n.timer(), n.clock, Double.parseDouble(n.env.getOrDefault("HAPPSERVE_TIME_SCALE", "1")))), n.callers());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
