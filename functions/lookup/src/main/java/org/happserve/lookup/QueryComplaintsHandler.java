package org.happserve.lookup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.DirectorySource;
import org.happserve.app.LookupComplaints;
import org.happserve.aws.Adapters;
import org.happserve.domain.Caller;
import org.happserve.domain.Complaint;
import org.happserve.domain.Directory;
import org.happserve.domain.Mobile;
import org.happserve.domain.Status;
import org.happserve.http.ApiEvent;
import org.happserve.http.ApiException;
import org.happserve.http.ApiHandler;
import org.happserve.http.ApiResponse;
import org.happserve.http.Callers;
import org.happserve.http.ComplaintJson;
import org.happserve.http.Json;
import org.happserve.http.Priming;
import org.happserve.ports.ComplaintStore.Page;
import org.happserve.ports.ComplaintStore.Query;

/**
 * GET /v1/complaints/{number}: a citizen (with the registered mobile) or staff read a complaint and
 * its timeline; a citizen's lookups are limited per source address and per mobile. GET
 * /v1/complaints: staff search; GET /v1/inbox: an officer's open complaints; both paginated.
 */
public final class QueryComplaintsHandler extends ApiHandler {
    private static final int DEFAULT_PAGE = 20;
    private final LookupComplaints lookup;
    private final DirectorySource directory;
    private final CitizenThrottle throttle;

    public QueryComplaintsHandler() {
        this(System.getenv());
        // SnapStart: read-only requests before the snapshot (an unknown number answers 404).
        Priming.register(directory::get, () -> respond(Priming.event("GET /v1/complaints/{number}",
                Map.of("number", "GMC-0001-000000"), Map.of("mobile", "9876543210"), null)));
    }

    public QueryComplaintsHandler(Map<String, String> env) {
        this(Adapters.from(env));
    }

    private QueryComplaintsHandler(Adapters a) {
        this(new LookupComplaints(a.complaintStore(), a.clock()), a.directory(), a.callers(), a.citizenThrottle());
    }

    public QueryComplaintsHandler(LookupComplaints lookup, DirectorySource directory, Callers callers, CitizenThrottle throttle) {
        super(callers);
        this.lookup = lookup;
        this.directory = directory;
        this.throttle = throttle;
    }

    @Override
    protected ApiResponse handle(ApiEvent event, Caller caller) {
        return switch (event.routeKey()) {
            case "GET /v1/complaints/{number}" -> one(event, caller);
            case "GET /v1/complaints" -> search(event, caller);
            case "GET /v1/inbox" -> inbox(event, caller);
            default -> throw noRoute(event);
        };
    }

    private ApiResponse one(ApiEvent event, Caller caller) {
        String number = event.pathParameters().get("number");
        // One answer for an unknown number and a wrong mobile: the lookup reveals nothing to a guesser.
        ApiException notFound = ApiException.notFound("no complaint with this number and mobile");
        if (caller.isStaff()) {
            var r = lookup.forStaff(number).orElseThrow(() -> notFound);
            return ApiResponse.json(200, ComplaintJson.withTimeline(r, true));
        }
        // The address first: it counts every guess, also those with a malformed or missing mobile.
        throttle.checkAddress(event.sourceIp());
        String mobile = event.queryParam("mobile");
        if (mobile == null) throw ApiException.badRequest("mobile", "is required: the mobile number the complaint was registered with");
        String e164 = Mobile.normalize(mobile).orElseThrow(() -> ApiException.badRequest("mobile", "must be an Indian mobile number"));
        throttle.checkMobile(e164);
        var r = lookup.forCitizen(number, e164).orElseThrow(() -> notFound);
        return ApiResponse.json(200, ComplaintJson.withTimeline(r, false));
    }

    private ApiResponse search(ApiEvent event, Caller caller) {
        if (!caller.isStaff()) throw ApiException.unauthorized("staff must sign in to search");
        Directory d = directory.get();
        String mobile = event.queryParam("mobile");
        if (mobile != null) {
            mobile = Mobile.normalize(mobile).orElseThrow(() -> ApiException.badRequest("mobile", "must be an Indian mobile number"));
        }
        Status status = null;
        String s = event.queryParam("status");
        if (s != null) {
            try {
                status = Status.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status", "must be OPEN or CLOSED");
            }
        }
        String ward = event.queryParam("ward");
        if (ward != null && d.ward(ward).isEmpty()) throw ApiException.badRequest("ward", "is not a ward of this municipality");
        String category = event.queryParam("category");
        if (category != null && d.category(category).isEmpty()) throw ApiException.badRequest("category", "is not a known category");
        Integer level = integer(event, "escalationLevel", 0, d.topLevel());
        Integer limit = integer(event, "limit", 1, LookupComplaints.MAX_PAGE);
        Page<Complaint> page = lookup.search(new Query(mobile, status, ward, category, level),
                event.queryParam("cursor"), limit == null ? DEFAULT_PAGE : limit);
        ArrayNode items = Json.MAPPER.createArrayNode();
        page.items().forEach(c -> items.add(ComplaintJson.of(c, true)));
        return ApiResponse.json(200, pageJson(items, page.nextCursor()));
    }

    private ApiResponse inbox(ApiEvent event, Caller caller) {
        if (!caller.isStaff()) throw ApiException.unauthorized("officers must sign in");
        if (caller.officerId() == null) throw ApiException.forbidden("the inbox is an officer's");
        Integer limit = integer(event, "limit", 1, LookupComplaints.MAX_PAGE);
        var page = lookup.inbox(caller.officerId(), event.queryParam("cursor"), limit == null ? DEFAULT_PAGE : limit);
        ArrayNode items = Json.MAPPER.createArrayNode();
        page.items().forEach(i -> items.add(ComplaintJson.of(i.complaint(), true).put("overdue", i.overdue())));
        return ApiResponse.json(200, pageJson(items, page.nextCursor()));
    }

    private static ObjectNode pageJson(ArrayNode items, String nextCursor) {
        ObjectNode out = Json.object();
        out.set("items", items);
        if (nextCursor == null) out.putNull("nextCursor");
        else out.put("nextCursor", nextCursor);
        return out;
    }

    private static Integer integer(ApiEvent event, String name, int min, int max) {
        String v = event.queryParam(name);
        if (v == null) return null;
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) return i;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name, "must be a whole number from " + min + " to " + max);
    }
}
