package org.happserve.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.happserve.app.DirectorySource;
import org.happserve.aws.Adapters;
import org.happserve.domain.Caller;
import org.happserve.domain.Category;
import org.happserve.domain.Directory;
import org.happserve.domain.Ward;
import org.happserve.http.ApiEvent;
import org.happserve.http.ApiHandler;
import org.happserve.http.ApiResponse;
import org.happserve.http.Json;

/** GET /v1/catalog: what a citizen chooses from — wards and categories with their SLA. */
public final class GetCatalogHandler extends ApiHandler {
    private final DirectorySource directory;

    public GetCatalogHandler() {
        this(System.getenv());
    }

    public GetCatalogHandler(Map<String, String> env) {
        this(Adapters.from(env).directory());
    }

    public GetCatalogHandler(DirectorySource directory) {
        super(null);
        this.directory = directory;
    }

    @Override
    protected ApiResponse handle(ApiEvent event, Caller caller) {
        if (!"GET /v1/catalog".equals(event.routeKey())) throw noRoute(event);
        Directory d = directory.get();
        ObjectNode body = Json.object();
        ObjectNode m = body.putObject("municipality");
        m.put("code", d.municipality().code());
        m.put("name", d.municipality().name());
        m.put("nameGu", d.municipality().nameGu());
        m.put("callCentre", d.municipality().callCentre());
        ArrayNode wards = body.putArray("wards");
        for (Ward w : d.wards()) wards.addObject().put("code", w.code()).put("name", w.name()).put("nameGu", w.nameGu());
        ArrayNode categories = body.putArray("categories");
        for (Category c : d.categories()) {
            categories.addObject().put("code", c.code()).put("name", c.name()).put("nameGu", c.nameGu())
                    .put("department", c.department()).put("slaHours", c.slaHoursAt(0));
        }
        // The catalog changes rarely; let browsers and the CDN keep it for five minutes.
        return ApiResponse.json(200, body).withHeader("cache-control", "public, max-age=300");
    }
}
