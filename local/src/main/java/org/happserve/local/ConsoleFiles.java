package org.happserve.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the staff console's static files (the {@code console/} folder) as the deployed CloudFront
 * distribution does: GET and HEAD only, {@code /} is {@code index.html}, nothing outside the folder
 * (no segment starting with a dot, so no {@code ..} and no hidden file; no symbolic link out of it). Files are revalidated on every use
 * ({@code no-cache} with {@code Last-Modified}), so an edited file shows on the next reload.
 */
final class ConsoleFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2");
    /** Locally the API, Cognito (relayed to moto) and the console share one origin, so 'self' covers every call. */
    private static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";

    private final Path root;

    ConsoleFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** Answers the request if it names a console file; false leaves it to the caller (a 404). */
    boolean serve(HttpExchange ex, String method) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) return false;
        Path file = resolve(ex.getRequestURI().getRawPath());
        if (file == null) return false;
        String name = file.getFileName().toString();
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null) return false;
        Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
        var headers = ex.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-cache");
        headers.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", CSP);
        if (notModifiedSince(ex.getRequestHeaders().getFirst("If-Modified-Since"), modified)) {
            ex.sendResponseHeaders(304, -1);
            return true;
        }
        byte[] bytes = Files.readAllBytes(file);
        ex.sendResponseHeaders(200, method.equals("HEAD") || bytes.length == 0 ? -1 : bytes.length);
        if (method.equals("GET")) ex.getResponseBody().write(bytes);
        return true;
    }

    /** The file a URL path names inside the console folder, or null. */
    Path resolve(String rawPath) throws IOException {
        // '+' is a literal plus in a path, not a space as URLDecoder would read it.
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.endsWith("/")) path += "index.html";
        if (!path.startsWith("/") || path.contains("\0") || path.contains("\\") || path.contains("/.")) return null;
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) return null;
        Path real = file.toRealPath();
        return real.startsWith(root) ? real : null;
    }

    private static boolean notModifiedSince(String header, Instant modified) {
        if (header == null) return false;
        try {
            return !modified.isAfter(DateTimeFormatter.RFC_1123_DATE_TIME.parse(header, Instant::from));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
