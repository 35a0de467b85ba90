package org.happserve.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.happserve.app.DirectorySource;
import org.happserve.app.Reports;
import org.happserve.aws.Adapters;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Caller;
import org.happserve.domain.Directory;
import org.happserve.domain.FieldError;
import org.happserve.domain.InvalidDirectoryException;
import org.happserve.http.ApiEvent;
import org.happserve.http.ApiException;
import org.happserve.http.ApiHandler;
import org.happserve.http.ApiResponse;
import org.happserve.http.Bodies;
import org.happserve.http.Callers;
import org.happserve.http.Json;
import org.happserve.ports.DirectoryStore;

/**
 * For administrators: the report of frequent problems and turnaround, and the directory (wards,
 * categories with SLA, officers and their chain), read and replaced whole after the same
 * completeness check as the config loader.
 */
public final class AdministerHandler extends ApiHandler {
    private static final int DEFAULT_DAYS = 30;
    private final Reports reports;
    private final DirectorySource directory;
    private final DirectoryStore directoryStore;

    public AdministerHandler() {
        this(System.getenv());
    }

    public AdministerHandler(Map<String, String> env) {
        this(Adapters.from(env));
    }

    private AdministerHandler(Adapters a) {
        this(new Reports(a.complaintStore(), a.directory()), a.directory(), a.directoryStore(), a.callers());
    }

    public AdministerHandler(Reports reports, DirectorySource directory, DirectoryStore directoryStore, Callers callers) {
        super(callers);
        this.reports = reports;
        this.directory = directory;
        this.directoryStore = directoryStore;
    }

    @Override
    protected ApiResponse handle(ApiEvent event, Caller caller) {
        if (!caller.isStaff()) throw ApiException.unauthorized("administrators must sign in");
        if (!caller.has(Caller.Role.ADMIN)) throw ApiException.forbidden("for administrators only");
        return switch (event.routeKey()) {
            case "GET /v1/reports/summary" -> summary(event);
            case "GET /v1/directory" -> ApiResponse.json(200, document(directory.get()));
            case "PUT /v1/directory" -> replaceDirectory(event);
            default -> throw noRoute(event);
        };
    }

    private ApiResponse summary(ApiEvent event) {
        LocalDate to = date(event, "to", LocalDate.now(directory.get().municipality().zone()));
        LocalDate from = date(event, "from", to.minusDays(DEFAULT_DAYS - 1));
        Reports.Summary s = reports.summary(from, to, event.queryParam("ward"));
        ObjectNode out = Json.object();
        out.put("from", s.from().toString());
        out.put("to", s.to().toString());
        if (s.ward() == null) out.putNull("ward");
        else out.put("ward", s.ward());
        ArrayNode categories = out.putArray("categories");
        for (Reports.Line line : s.categories()) {
            categories.add(figures(line.figures()).put("category", line.category()).put("name", line.name()));
        }
        out.set("totals", figures(s.totals()));
        ArrayNode daily = out.putArray("daily");
        s.daily().forEach(d -> daily.addObject().put("date", d.date().toString())
                .put("registered", d.registered()).put("closed", d.closed()));
        return ApiResponse.json(200, out);
    }

    private static ObjectNode figures(Reports.Figures f) {
        ObjectNode o = Json.object();
        o.put("registered", f.registered());
        o.put("closed", f.closed());
        o.put("open", f.open());
        o.put("averageTurnaroundHours", f.averageTurnaroundHours());
        o.put("medianTurnaroundHours", f.medianTurnaroundHours());
        o.put("slaBreaches", f.slaBreaches());
        o.put("reopens", f.reopens());
        o.put("slaCompliance", f.slaCompliance());
        ObjectNode levels = o.putObject("escalationsByLevel");
        f.escalationsByLevel().forEach((level, n) -> levels.put(Integer.toString(level), n));
        return o;
    }

    private static LocalDate date(ApiEvent event, String name, LocalDate fallback) {
        String v = event.queryParam(name);
        if (v == null) return fallback;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "must be a date as YYYY-MM-DD");
        }
    }

    private ApiResponse replaceDirectory(ApiEvent event) {
        JsonNode body = Bodies.object(event);
        Directory replacement;
        try {
            replacement = DirectoryJson.parse(body.toString());
        } catch (InvalidDirectoryException e) {
            List<FieldError> errors = e.problems().stream().map(p -> new FieldError("directory", p)).toList();
            throw new ApiException(400, "invalid-directory", "Incomplete directory",
                    "the directory was not saved: " + String.join("; ", e.problems()), errors);
        }
        directoryStore.save(replacement);
        return ApiResponse.json(200, document(replacement));
    }

    private static JsonNode document(Directory d) {
        try {
            return Json.MAPPER.readTree(DirectoryJson.write(d));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
