package org.happserve.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.happserve.app.DailyDigest;
import org.happserve.aws.Adapters;
import org.happserve.aws.ScheduledHandler;
import org.happserve.http.Json;

/** Run by EventBridge Scheduler each morning: emails the commissioners yesterday's figures. */
public final class SendDailyDigestHandler extends ScheduledHandler {
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
    protected ObjectNode run() {
        return Json.object().put("sent", digest.send());
    }
}
