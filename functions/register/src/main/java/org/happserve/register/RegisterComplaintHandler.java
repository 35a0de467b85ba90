package org.happserve.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.happserve.app.RegisterComplaints;
import org.happserve.aws.Adapters;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.FieldError;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.ValidationException;
import org.happserve.http.ApiEvent;
import org.happserve.http.ApiException;
import org.happserve.http.ApiHandler;
import org.happserve.http.ApiResponse;
import org.happserve.http.Bodies;
import org.happserve.http.Callers;
import org.happserve.http.ComplaintJson;
import org.happserve.http.Json;
import org.happserve.http.Priming;

/**
 * POST /v1/complaints (a citizen, on the website or app) and POST /v1/intakes (an operator, for a
 * caller with one or more complaints). Each complaint gets its own acknowledgement number.
 */
public final class RegisterComplaintHandler extends ApiHandler {
    private final RegisterComplaints register;

    public RegisterComplaintHandler() {
        this(Adapters.from(System.getenv()), true);
    }

    public RegisterComplaintHandler(Map<String, String> env) {
        this(Adapters.from(env), false);
    }

    private RegisterComplaintHandler(Adapters a, boolean prime) {
        this(new RegisterComplaints(a.services()), a.callers());
        // SnapStart: read-only steps before the snapshot - the directory, and a body refused by
        // validation before anything is written (Jackson, routing, problem+json).
        if (prime) {
            Priming.register(() -> a.directory().get(), () -> respond(Priming.event("POST /v1/complaints", Map.of(), Map.of(),
                    "{\"citizen\":{\"name\":\"\",\"mobile\":\"0\"},\"ward\":\"\",\"category\":\"\",\"description\":\"\"}")));
        }
    }

    public RegisterComplaintHandler(RegisterComplaints register, Callers callers) {
        super(callers);
        this.register = register;
    }

    @Override
    protected ApiResponse handle(ApiEvent event, Caller caller) {
        return switch (event.routeKey()) {
            case "POST /v1/complaints" -> single(event, caller);
            case "POST /v1/intakes" -> intake(event, caller);
            default -> throw noRoute(event);
        };
    }

    private ApiResponse single(ApiEvent event, Caller caller) {
        String key = idempotencyKey(event);
        JsonNode body = Bodies.object(event);
        List<FieldError> errors = new ArrayList<>();
        CitizenInput citizen = citizen(body, errors);
        ComplaintInput complaint = complaint(body, "", errors);
        if (!errors.isEmpty()) throw new ValidationException(errors);
        Complaint c = register.register(new RegisterComplaints.Request(caller, Channel.WEB, citizen,
                List.of(complaint), "", key)).get(0);
        return ApiResponse.json(201, ComplaintJson.of(c, caller.isStaff()))
                .withHeader("location", "/v1/complaints/" + c.number());
    }

    private ApiResponse intake(ApiEvent event, Caller caller) {
        if (!caller.isStaff()) throw ApiException.unauthorized("operators must sign in");
        if (!caller.has(Caller.Role.OPERATOR) && !caller.has(Caller.Role.ADMIN)) {
            throw ApiException.forbidden("only operators and administrators record intakes");
        }
        String key = idempotencyKey(event);
        JsonNode body = Bodies.object(event);
        List<FieldError> errors = new ArrayList<>();
        CitizenInput citizen = citizen(body, errors);
        Channel channel = null;
        String ch = Bodies.text(body, "channel", "channel", errors);
        if (ch == null) {
            // Unless Bodies.text already reported a channel of the wrong type.
            if (errors.stream().noneMatch(e -> e.field().equals("channel"))) {
                errors.add(new FieldError("channel", "is required: CALL_CENTRE, WARD_OFFICE or EMAIL"));
            }
        } else {
            try {
                channel = Channel.valueOf(ch);
            } catch (IllegalArgumentException e) {
                channel = null;
            }
            if (channel == null || !channel.isAssisted()) {
                errors.add(new FieldError("channel", "must be CALL_CENTRE, WARD_OFFICE or EMAIL"));
            }
        }
        List<ComplaintInput> complaints = new ArrayList<>();
        JsonNode list = body.get("complaints");
        if (list == null || list.isNull()) {
            errors.add(new FieldError("complaints", "is required: a list of one or more complaints"));
        } else if (!list.isArray()) {
            errors.add(new FieldError("complaints", "must be a list"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                if (!item.isObject()) errors.add(new FieldError("complaints[" + i + "]", "must be an object"));
                else complaints.add(complaint(item, "complaints[" + i + "].", errors));
            }
        }
        if (!errors.isEmpty()) throw new ValidationException(errors);
        List<Complaint> registered = register.register(new RegisterComplaints.Request(caller, channel, citizen,
                complaints, "complaints", key));
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("complaints");
        registered.forEach(c -> items.add(ComplaintJson.of(c, true)));
        return ApiResponse.json(201, out);
    }

    /** Optional; when given it must be a short printable token. */
    private static String idempotencyKey(ApiEvent event) {
        String key = event.header("idempotency-key");
        if (key == null) return null;
        if (!key.matches("[A-Za-z0-9._:\\-]{1,128}")) {
            throw ApiException.badRequest("Idempotency-Key", "must be 1 to 128 letters, digits or . _ : -");
        }
        return key;
    }

    private static CitizenInput citizen(JsonNode body, List<FieldError> errors) {
        JsonNode c = Bodies.object(body, "citizen", "citizen", errors);
        if (c == null) return null;
        return new CitizenInput(Bodies.text(c, "name", "citizen.name", errors),
                Bodies.text(c, "mobile", "citizen.mobile", errors), Bodies.text(c, "email", "citizen.email", errors),
                Bodies.text(c, "language", "citizen.language", errors));
    }

    private static ComplaintInput complaint(JsonNode node, String path, List<FieldError> errors) {
        JsonNode location = Bodies.object(node, "location", path + "location", errors);
        Double lat = location == null ? null : Bodies.number(location, "lat", path + "location.lat", errors);
        Double lng = location == null ? null : Bodies.number(location, "lng", path + "location.lng", errors);
        if (location != null && (lat == null || lng == null)) {
            errors.add(new FieldError(path + "location", "needs numeric lat and lng"));
        }
        return new ComplaintInput(Bodies.text(node, "ward", path + "ward", errors),
                Bodies.text(node, "category", path + "category", errors),
                Bodies.text(node, "description", path + "description", errors),
                Bodies.text(node, "address", path + "address", errors), lat, lng);
    }
}
