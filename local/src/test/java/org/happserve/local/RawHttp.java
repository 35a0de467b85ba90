package org.happserve.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request: unlike java.net.http it sends whatever
 * it is given (malformed percent escapes, non-ASCII header values, invalid UTF-8 bodies) and can
 * connect from another loopback address (127.0.0.x), which the throttling tests use as "another client".
 */
final class RawHttp {
    record Request(String method, String target, Map<String, String> headers, byte[] body) {}

    record Response(int status, Map<String, String> headers, byte[] bodyBytes) {
        String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final URI base;
    private final InetAddress from;

    RawHttp(URI base) {
        this(base, null);
    }

    /** {@code from}: the local address to connect from (null: any). */
    RawHttp(URI base, InetAddress from) {
        this.base = base;
        this.from = from;
    }

    Response send(Request r) {
        try (Socket s = new Socket()) {
            if (from != null) s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            s.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            write(head, r.method() + " " + r.target() + " HTTP/1.1\r\n");
            write(head, "Host: " + base.getHost() + ":" + base.getPort() + "\r\n");
            write(head, "Connection: close\r\n");
            for (var h : r.headers().entrySet()) write(head, h.getKey() + ": " + h.getValue() + "\r\n");
            byte[] body = r.body() == null ? new byte[0] : r.body();
            if (body.length > 0 || !r.method().equals("GET")) write(head, "Content-Length: " + body.length + "\r\n");
            write(head, "\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(r.method() + " " + r.target(), e);
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        // Header bytes as UTF-8: a non-ASCII value goes out as raw octets, as a hostile client may send it.
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) throw new IOException("no complete response head: " + new String(all, StandardCharsets.ISO_8859_1));
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.merge(lines[i].substring(0, colon).strip().toLowerCase(), lines[i].substring(colon + 1).strip(),
                    (a, b) -> a + "," + b);
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            int eol = indexOf(java.util.Arrays.copyOfRange(b, i, b.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (eol < 0) break;
            int size = Integer.parseInt(new String(b, i, eol, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            if (size == 0) break;
            out.write(b, i + eol + 2, size);
            i += eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
            return i;
        }
        return -1;
    }
}
