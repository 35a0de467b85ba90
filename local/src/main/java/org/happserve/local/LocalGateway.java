package org.happserve.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.happserve.http.ApiException;
import org.happserve.http.Json;
import org.happserve.http.JwtVerifier;

/**
 * Plays API Gateway (HTTP API, payload format 2.0) on 127.0.0.1: the routes and their authorizer
 * come from template.yaml, JWTs are checked against the user pool's JWKS as the JWT authorizer
 * does, and each route's handler runs in this process as Lambda would run it. Paths under
 * {@code /local/} are the local runtime's own endpoints. For moto's Step Functions engine, which
 * sends every service call of a Task to this port, it also serves Lambda's Invoke API with the
 * same in-process handlers and relays all other AWS requests to moto.
 */
final class LocalGateway implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LocalGateway.class);
    /** API Gateway's own payload limit. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A local endpoint: answers (status, JSON) for the request body. */
    interface LocalEndpoint {
        Object[] handle(String method, byte[] body) throws Exception;
    }

    private record Bound(CfnTemplate.Route route, Pattern pattern, List<String> params, RequestStreamHandler handler) {}

    /** Lambda's Invoke API, as moto's Step Functions engine calls it for lambda:invoke tasks. */
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    /** Headers the JDK client sets itself or refuses, and hop-by-hop headers; not relayed. */
    private static final Set<String> UNRELAYED = Set.of("connection", "content-length", "date", "expect", "from", "host",
            "keep-alive", "transfer-encoding", "upgrade", "via", "warning");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(32);
    private final List<Bound> routes = new ArrayList<>();
    private final Map<String, LocalEndpoint> local = new LinkedHashMap<>();
    private final Map<String, RequestStreamHandler> functions = new ConcurrentHashMap<>();
    private final HttpClient relay = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI aws;
    private final List<String> corsOrigins;
    private JwtVerifier verifier;
    private ConsoleFiles console;

    LocalGateway(int port, List<String> corsOrigins) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        this.corsOrigins = corsOrigins;
        server.setExecutor(pool);
        server.createContext("/", this::serve);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void authorizer(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    void route(CfnTemplate.Route route, RequestStreamHandler handler) {
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(route.path());
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(route.path().substring(last, m.start()))).append("([^/]+)");
            params.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(route.path().substring(last))).append('$');
        routes.add(new Bound(route, Pattern.compile(regex.toString()), params, handler));
    }

    void local(String path, LocalEndpoint endpoint) {
        local.put(path, endpoint);
    }

    /** Serves Lambda Invoke for the function of this name (also called by its ARN, alias or version). */
    void function(String name, RequestStreamHandler handler) {
        functions.put(name, handler);
    }

    /** Where AWS API requests other than Lambda Invoke go (moto): its Step Functions engine sends them here. */
    void forwardAws(URI endpoint) {
        this.aws = endpoint;
    }

    /** Serves the staff console's files for GET requests that match no route. */
    void console(ConsoleFiles files) {
        this.console = files;
    }

    void start() {
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = ex.getRequestURI().getRawPath();
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (origin != null && corsOrigins.contains(origin)) {
                ex.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
                ex.getResponseHeaders().add("Vary", "Origin");
            }
            byte[] body = readBody(ex.getRequestBody());
            if (body == null) {
                send(ex, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            LocalEndpoint endpoint = local.get(path);
            if (endpoint != null) {
                serveLocal(ex, endpoint, method, body);
                return;
            }
            Matcher invocation = INVOKE.matcher(path);
            if (method.equals("POST") && invocation.matches()) {
                invokeFunction(ex, decode(invocation.group(1)), body);
                return;
            }
            // Never for an API path: a client's forged SigV4 header must reach the route (and its authorizer), not moto.
            if (aws != null && isAwsRequest(ex) && routes.stream().noneMatch(b -> b.pattern().matcher(path).matches())) {
                forward(ex, method, body);
                return;
            }
            if (method.equals("OPTIONS") && ex.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                ex.getResponseHeaders().add("Access-Control-Allow-Methods", "GET,POST,PUT,OPTIONS");
                ex.getResponseHeaders().add("Access-Control-Allow-Headers", "authorization,content-type,idempotency-key");
                ex.getResponseHeaders().add("Access-Control-Max-Age", "600");
                ex.sendResponseHeaders(204, -1);
                return;
            }
            for (Bound b : routes) {
                Matcher m = b.pattern().matcher(path);
                if (b.route().method().equals(method) && m.matches()) {
                    invoke(ex, b, m, body);
                    return;
                }
            }
            if (console != null && console.serve(ex, method)) return;
            send(ex, 404, "application/json", "{\"message\":\"Not Found\"}");
        } catch (RuntimeException e) {
            LOG.error("gateway failure", e);
            send(ex, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
        }
    }

    private void invoke(HttpExchange ex, Bound b, Matcher m, byte[] body) throws IOException {
        Map<String, String> claims = Map.of();
        if (b.route().authorized()) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            try {
                if (auth == null || verifier == null) throw ApiException.unauthorized("no token");
                claims = verifier.verify(auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : auth.strip());
            } catch (ApiException e) {
                send(ex, 401, "application/json", "{\"message\":\"Unauthorized\"}");
                return;
            }
        }
        ObjectNode event = event(ex, b, m, body, claims);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            b.handler().handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        } catch (Exception e) {
            LOG.error("function for {} failed", b.route().routeKey(), e);
            send(ex, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
            return;
        }
        JsonNode response = Json.MAPPER.readTree(out.toByteArray());
        response.path("headers").fields().forEachRemaining(h -> ex.getResponseHeaders().set(h.getKey(), h.getValue().asText()));
        String responseBody = response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(responseBody) : responseBody.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(response.path("statusCode").asInt(200), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
    }

    /** Runs the function as Lambda's synchronous Invoke does: the body is the payload, the answer its output. */
    private void invokeFunction(HttpExchange ex, String functionId, byte[] payload) throws IOException {
        RequestStreamHandler handler = functions.get(functionName(functionId));
        if (handler == null) {
            ex.getResponseHeaders().set("X-Amzn-ErrorType", "ResourceNotFoundException");
            send(ex, 404, "application/json", Json.object().put("Type", "User")
                    .put("message", "Function not found: " + functionId).toString());
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, null);
        } catch (Exception e) {
            // Lambda answers 200 and flags the function's own failure; Step Functions names the error by errorType.
            LOG.error("function {} failed", functionId, e);
            ex.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            send(ex, 200, "application/json", Json.object().put("errorType", e.getClass().getName())
                    .put("errorMessage", String.valueOf(e.getMessage())).toString());
            return;
        }
        ex.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        send(ex, 200, "application/json", out.toString(StandardCharsets.UTF_8));
    }

    /** The function name in any form Invoke accepts: name, name:qualifier, full or partial ARN (qualified or not). */
    static String functionName(String functionId) {
        int f = functionId.indexOf(":function:");
        String rest = f < 0 ? functionId : functionId.substring(f + ":function:".length());
        int qualifier = rest.indexOf(':');
        return qualifier < 0 ? rest : rest.substring(0, qualifier);
    }

    /** An AWS SDK request: SigV4-signed, or a JSON-protocol call naming its target. */
    private static boolean isAwsRequest(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        return (auth != null && auth.startsWith("AWS4-HMAC-SHA256")) || ex.getRequestHeaders().containsKey("X-Amz-Target");
    }

    /** Relays the request to moto unchanged and its answer back. */
    private void forward(HttpExchange ex, String method, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(aws.resolve(ex.getRequestURI().getRawPath()
                        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((k, values) -> {
            if (!UNRELAYED.contains(k.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(k, v));
        });
        HttpResponse<byte[]> answer;
        try {
            answer = relay.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted relaying to " + aws, e);
        }
        answer.headers().map().forEach((k, values) -> {
            if (!UNRELAYED.contains(k.toLowerCase(Locale.ROOT))) ex.getResponseHeaders().put(k, values);
        });
        byte[] bytes = answer.body();
        ex.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
    }

    private static ObjectNode event(HttpExchange ex, Bound b, Matcher m, byte[] body, Map<String, String> claims) {
        ObjectNode e = Json.object();
        e.put("version", "2.0");
        e.put("routeKey", b.route().routeKey());
        e.put("rawPath", ex.getRequestURI().getRawPath());
        String rawQuery = ex.getRequestURI().getRawQuery();
        e.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = e.putObject("headers");
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                // API Gateway joins repeated parameters with commas.
                q.put(k, q.has(k) ? q.get(k).asText() + "," + v : v);
            }
        }
        if (!b.params().isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            for (int i = 0; i < b.params().size(); i++) p.put(b.params().get(i), decode(m.group(i + 1)));
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "123456789012");
        ctx.put("apiId", "local");
        ctx.put("domainName", "127.0.0.1");
        ObjectNode http = ctx.putObject("http");
        http.put("method", b.route().method());
        http.put("path", ex.getRequestURI().getRawPath());
        http.put("protocol", ex.getProtocol());
        // The functions limit citizens' requests per source address (CitizenThrottle): the TCP peer, as API Gateway gives it.
        http.put("sourceIp", ex.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", ex.getRequestHeaders().getFirst("User-Agent"));
        ctx.put("requestId", UUID.randomUUID().toString());
        ctx.put("routeKey", b.route().routeKey());
        ctx.put("stage", "$default");
        Instant now = Instant.now();
        ctx.put("time", REQUEST_TIME.format(now));
        ctx.put("timeEpoch", now.toEpochMilli());
        if (!claims.isEmpty()) {
            ObjectNode jwt = ctx.putObject("authorizer").putObject("jwt");
            ObjectNode c = jwt.putObject("claims");
            claims.forEach(c::put);
            jwt.putArray("scopes");
        }
        if (body.length > 0) {
            String text = utf8(body);
            e.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            e.put("isBase64Encoded", text == null);
        } else {
            e.put("isBase64Encoded", false);
        }
        return e;
    }

    private void serveLocal(HttpExchange ex, LocalEndpoint endpoint, String method, byte[] body) throws IOException {
        Object[] answer;
        try {
            answer = endpoint.handle(method, body);
        } catch (ApiException e) {
            answer = new Object[] {e.status(), Json.object().put("title", e.title()).put("status", e.status())
                    .put("detail", e.getMessage())};
        } catch (Exception e) {
            LOG.error("local endpoint {} failed", ex.getRequestURI(), e);
            answer = new Object[] {500, Json.object().put("title", "Internal error").put("detail", e.toString())};
        }
        send(ex, (Integer) answer[0], "application/json", Json.MAPPER.writeValueAsString(answer[1]));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The body, or null when it exceeds API Gateway's limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
        return bytes.length > MAX_PAYLOAD ? null : bytes;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
