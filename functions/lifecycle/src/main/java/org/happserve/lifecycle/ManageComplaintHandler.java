package org.happserve.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.ComplaintActions;
import org.happserve.aws.Adapters;
import org.happserve.domain.Caller;
import org.happserve.domain.Complaint;
import org.happserve.domain.FieldError;
import org.happserve.domain.ValidationException;
import org.happserve.http.ApiEvent;
import org.happserve.http.ApiException;
import org.happserve.http.ApiHandler;
import org.happserve.http.ApiResponse;
import org.happserve.http.Bodies;
import org.happserve.http.Callers;
import org.happserve.http.ComplaintJson;

/**
 * Acting on a complaint: close (officer in its chain, admin), reopen (citizen with the registered
 * mobile, operator, admin), notes (staff), reassign (operator, admin). A citizen's reopens are
 * limited per source address and per mobile, in the same counters as the lookup's.
 */
public final class ManageComplaintHandler extends ApiHandler {
    private final ComplaintActions actions;
    private final CitizenThrottle throttle;

    public ManageComplaintHandler() {
        this(System.getenv());
    }

    public ManageComplaintHandler(Map<String, String> env) {
        this(Adapters.from(env));
    }

    private ManageComplaintHandler(Adapters a) {
        this(a.actions(), a.callers(), a.citizenThrottle());
    }

    public ManageComplaintHandler(ComplaintActions actions, Callers callers, CitizenThrottle throttle) {
        super(callers);
        this.actions = actions;
        this.throttle = throttle;
    }

    @Override
    protected ApiResponse handle(ApiEvent event, Caller caller) {
        String number = event.pathParameters().get("number");
        Complaint result = switch (event.routeKey()) {
            case "POST /v1/complaints/{number}/close" -> {
                JsonNode body = staffBody(event, caller);
                yield actions.close(number, caller, field(body, "resolution"));
            }
            case "POST /v1/complaints/{number}/reopen" -> {
                if (!caller.isStaff()) throttle.checkAddress(event.sourceIp());
                JsonNode body = Bodies.object(event);
                String mobile = caller.isStaff() ? null : field(body, "mobile");
                if (!caller.isStaff() && mobile == null) {
                    throw ApiException.badRequest("mobile", "is required: the mobile number the complaint was registered with");
                }
                if (!caller.isStaff()) throttle.checkMobile(mobile);
                yield actions.reopen(number, caller, mobile, field(body, "reason"));
            }
            case "POST /v1/complaints/{number}/notes" -> {
                JsonNode body = staffBody(event, caller);
                yield actions.note(number, caller, field(body, "text"));
            }
            case "POST /v1/complaints/{number}/reassign" -> {
                JsonNode body = staffBody(event, caller);
                List<FieldError> errors = new ArrayList<>();
                String ward = Bodies.text(body, "ward", "ward", errors);
                String category = Bodies.text(body, "category", "category", errors);
                if (!errors.isEmpty()) throw new ValidationException(errors);
                yield actions.reassign(number, caller, ward, category, field(body, "reason"));
            }
            default -> throw noRoute(event);
        };
        return ApiResponse.json(200, ComplaintJson.of(result, caller.isStaff()));
    }

    private static JsonNode staffBody(ApiEvent event, Caller caller) {
        if (!caller.isStaff()) throw ApiException.unauthorized("staff must sign in");
        return Bodies.object(event);
    }

    /** A string field (null when absent); the domain reports it missing by name. */
    private static String field(JsonNode body, String name) {
        List<FieldError> errors = new ArrayList<>();
        String v = Bodies.text(body, name, name, errors);
        if (!errors.isEmpty()) throw new ValidationException(errors);
        return v;
    }
}
