package org.happserve.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.app.NotificationDispatcher;
import org.happserve.aws.Adapters;
import org.happserve.aws.ScheduledHandler;
import org.happserve.http.Json;

/**
 * Run by EventBridge Scheduler every few minutes: resends SMS and email whose earlier attempt
 * failed or was interrupted, with exponential back-off, until sent or given up (then FAILED on the
 * timeline for staff to follow up).
 */
public final class RetryNotificationsHandler extends ScheduledHandler {
    private static final Logger LOG = LogManager.getLogger(RetryNotificationsHandler.class);
    private final NotificationDispatcher dispatcher;

    public RetryNotificationsHandler() {
        this(System.getenv());
    }

    public RetryNotificationsHandler(Map<String, String> env) {
        this(Adapters.from(env).dispatcher());
    }

    public RetryNotificationsHandler(NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    protected ObjectNode run() {
        int sent = dispatcher.retryDue();
        LOG.info("notification retry sent {}", sent);
        return Json.object().put("sent", sent);
    }
}
