package org.happserve.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.RegisterComplaints;
import org.happserve.domain.Caller;
import org.happserve.domain.FieldError;
import org.happserve.domain.Refusal;
import org.happserve.domain.ValidationException;
import org.happserve.ports.ComplaintStore;

/**
 * The edge every HTTP function shares: reads the payload 2.0 event, works out the caller, routes by
 * route key, and turns every refusal into problem+json. Nothing unexpected leaks: an internal
 * error is logged in full and answered with a bare 500.
 */
public abstract class ApiHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(ApiHandler.class);
    private final Callers callers;

    /** @param callers how to identify staff; null where a function serves everyone alike */
    protected ApiHandler(Callers callers) {
        this.callers = callers;
    }

    /** Answers one request; {@code caller} is anonymous for citizens. */
    protected abstract ApiResponse handle(ApiEvent event, Caller caller);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode raw = Json.MAPPER.readTree(input);
        Json.MAPPER.writeValue(output, respond(ApiEvent.parse(raw)).toEvent());
    }

    public ApiResponse respond(ApiEvent event) {
        long started = System.nanoTime();
        ApiResponse response;
        try {
            response = handle(event, callers == null ? Caller.ANONYMOUS : callers.of(event));
        } catch (ApiException e) {
            response = ApiResponse.problem(e);
        } catch (ValidationException e) {
            response = ApiResponse.problem(new ApiException(400, "validation", "Invalid request",
                    describe(e.errors()), e.errors()));
        } catch (Refusal e) {
            response = ApiResponse.problem(switch (e.kind()) {
                case FORBIDDEN -> ApiException.forbidden(e.getMessage());
                case NOT_FOUND -> ApiException.notFound(e.getMessage());
                case CONFLICT -> new ApiException(409, "conflict", "Not possible now", e.getMessage(), null);
            });
        } catch (CitizenThrottle.Throttled e) {
            response = ApiResponse.problem(new ApiException(429, "too-many-requests", "Too many requests", e.getMessage(), null))
                    .withHeader("retry-after", Long.toString(e.retryAfterSeconds()));
        } catch (ComplaintStore.InvalidCursorException e) {
            response = ApiResponse.problem(ApiException.badRequest("cursor", e.getMessage()));
        } catch (RegisterComplaints.KeyReusedException e) {
            response = ApiResponse.problem(new ApiException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    e.getMessage(), List.of(new FieldError("Idempotency-Key", "was used for a different request"))));
        } catch (RuntimeException e) {
            LOG.error("unhandled error on {}", event.routeKey(), e);
            response = ApiResponse.problem(new ApiException(500, "internal", "Internal error",
                    "something went wrong on our side; nothing you sent was lost if you got an acknowledgement number",
                    null));
        }
        LOG.info("{} -> {} in {} ms", event.routeKey(), response.status(), (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) sb.append(sb.length() == 0 ? "" : "; ").append(e.field()).append(' ').append(e.message());
        return sb.toString();
    }

    protected static ApiException noRoute(ApiEvent event) {
        return ApiException.notFound("no route " + event.routeKey());
    }
}
