package org.happserve.escalate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.app.ComplaintActions;
import org.happserve.aws.Adapters;
import org.happserve.domain.AckNumber;
import org.happserve.domain.Complaint;
import org.happserve.domain.Status;
import org.happserve.domain.Times;
import org.happserve.http.Json;

/**
 * The SLA state machine's task. Input and output are the timer's state
 * {@code {number, reopenCount, level, dueAt}}; the output adds {@code action}: WAIT (until the
 * returned dueAt, then call again) while the complaint stays open in this round, STOP once it is
 * closed, reopened into a new round (which has its own timer), gone, or the input is unusable.
 */
public final class EscalateComplaintHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(EscalateComplaintHandler.class);
    private final ComplaintActions actions;

    public EscalateComplaintHandler() {
        this(System.getenv());
    }

    public EscalateComplaintHandler(Map<String, String> env) {
        this(Adapters.from(env));
    }

    private EscalateComplaintHandler(Adapters a) {
        this(a.actions());
    }

    public EscalateComplaintHandler(ComplaintActions actions) {
        this.actions = actions;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.MAPPER.writeValue(output, step(Json.MAPPER.readTree(input)));
    }

    ObjectNode step(JsonNode in) {
        ObjectNode out = in.isObject() ? ((ObjectNode) in).deepCopy() : Json.object();
        String number = in.path("number").asText("");
        JsonNode round = in.path("reopenCount");
        if (!AckNumber.wellFormed(number) || !round.canConvertToInt()) {
            // Retrying cannot make a bad input good: end this timer with the reason logged.
            LOG.error("SLA timer input without a valid number and reopenCount: stopping");
            return out.put("action", "STOP");
        }
        Optional<Complaint> now = actions.escalateIfDue(number);
        if (now.isEmpty()) {
            LOG.warn("SLA timer for {}: no such complaint, stopping", number);
            return out.put("action", "STOP");
        }
        Complaint c = now.get();
        if (c.status() == Status.CLOSED || c.reopenCount() != round.asInt()) {
            return out.put("action", "STOP");
        }
        return out.put("level", c.escalationLevel()).put("dueAt", Times.iso(c.dueAt())).put("action", "WAIT");
    }
}
