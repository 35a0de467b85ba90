package org.happserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.happserve.app.CitizenThrottle;
import org.happserve.app.ComplaintServices;
import org.happserve.app.DirectorySource;
import org.happserve.app.LookupComplaints;
import org.happserve.app.NotificationDispatcher;
import org.happserve.app.RegisterComplaints;
import org.happserve.config.DirectoryJson;
import org.happserve.domain.Directory;
import org.happserve.domain.Messages;
import org.happserve.http.ApiEvent;
import org.happserve.http.ApiResponse;
import org.happserve.http.Callers;
import org.happserve.http.ComplaintJson;
import org.happserve.http.Json;
import org.happserve.local.RepoRoot;
import org.happserve.lookup.QueryComplaintsHandler;
import org.happserve.ports.ComplaintStore;
import org.happserve.register.RegisterComplaintHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm overhead of the handler path (issue 6, item 3): {@code handleRequest(InputStream,
 * OutputStream, Context)} of the real handlers and use cases with the sample events of
 * {@code events/}, the AWS round trips replaced by {@link InMemoryPorts}. What is left is ours:
 * event JSON parsing, routing, validation, the domain rules, messages, response rendering and
 * logging. Run by {@code bench/run.sh jmh} (BENCHMARKS.md), never by mvn verify.
 *
 * <p>The {@code *C1} variants fork with the template's {@code -XX:TieredStopAtLevel=1} (what the
 * deployed functions run); the others with the JVM's default tiered compilation (C2).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class HandlerBenchmark {
    /** The clock of the sample events: numbers minted read GMC-2612-…. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T04:30:00Z"), ZoneOffset.UTC);
    /** The sequence value of events/complaint-get-citizen.json's GMC-2612-000451. */
    static final long LOOKUP_SEQUENCE = 451;

    @State(Scope.Thread)
    public static class Handlers {
        byte[] registerEvent;
        byte[] lookupEvent;
        RegisterComplaintHandler register;
        QueryComplaintsHandler lookup;
        InMemoryPorts.Store store;
        ComplaintStore.ComplaintRecord registered;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path root = RepoRoot.find();
            registerEvent = Files.readAllBytes(root.resolve("events/complaint-register.json"));
            lookupEvent = Files.readAllBytes(root.resolve("events/complaint-get-citizen.json"));
            Directory directory = DirectoryJson.parse(Files.readString(root.resolve("config/gmc.json")));
            // The oldest complaints are dropped beyond 1,000 (a long registration run would otherwise
            // grow the heap). Each benchmark method runs in a fork of its own, so the lookup's store
            // holds just the one complaint registered below.
            store = new InMemoryPorts.Store(LOOKUP_SEQUENCE, 1_000);
            DirectorySource dirs = new DirectorySource(new InMemoryPorts.Directories(directory), CLOCK);
            NotificationDispatcher dispatcher = new NotificationDispatcher(store, new InMemoryPorts.Sender(), dirs, CLOCK);
            Callers callers = new Callers(null); // the sample events carry no bearer token: citizens
            register = new RegisterComplaintHandler(new RegisterComplaints(new ComplaintServices(store, dirs, Messages.load(),
                    dispatcher, new InMemoryPorts.Timers(), CLOCK, 1)), callers);
            // In memory like the store: the benchmark measures the handler, not the limiter's DynamoDB call.
            lookup = new QueryComplaintsHandler(new LookupComplaints(store, CLOCK), dirs, callers, CitizenThrottle.unlimited());

            // The complaint the lookup event asks for, registered through the handler itself.
            JsonNode created = invoke(register, registerEvent);
            expect(created, 201, "/v1/complaints/GMC-2612-000451");
            expect(invoke(lookup, lookupEvent), 200, null);
            registered = store.find("GMC-2612-000451").orElseThrow();
        }

        JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler h, byte[] event) throws IOException {
            out.reset();
            h.handleRequest(new ByteArrayInputStream(event), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        }

        private static void expect(JsonNode response, int status, String location) {
            if (response.path("statusCode").asInt() != status
                    || (location != null && !location.equals(response.path("headers").path("location").asText()))) {
                throw new IllegalStateException("unexpected response: " + response);
            }
        }
    }

    @Benchmark
    public int register(Handlers h) throws IOException {
        return registerOnce(h);
    }

    @Benchmark
    public int lookup(Handlers h) throws IOException {
        return lookupOnce(h);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:TieredStopAtLevel=1")
    public int registerC1(Handlers h) throws IOException {
        return registerOnce(h);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-XX:TieredStopAtLevel=1")
    public int lookupC1(Handlers h) throws IOException {
        return lookupOnce(h);
    }

    // Parts of the path, to see what dominates (default compiler only): the edge's event parsing,
    // and the rendering of the response the handler returns.

    @Benchmark
    public ApiEvent registerParseEvent(Handlers h) throws IOException {
        return ApiEvent.parse(Json.MAPPER.readTree(new ByteArrayInputStream(h.registerEvent)));
    }

    @Benchmark
    public ApiEvent lookupParseEvent(Handlers h) throws IOException {
        return ApiEvent.parse(Json.MAPPER.readTree(new ByteArrayInputStream(h.lookupEvent)));
    }

    @Benchmark
    public int registerRender(Handlers h) throws IOException {
        h.out.reset();
        ApiResponse r = ApiResponse.json(201, ComplaintJson.of(h.registered.complaint(), false))
                .withHeader("location", "/v1/complaints/" + h.registered.complaint().number());
        Json.MAPPER.writeValue(h.out, r.toEvent());
        return h.out.size();
    }

    @Benchmark
    public int lookupRender(Handlers h) throws IOException {
        h.out.reset();
        Json.MAPPER.writeValue(h.out, ApiResponse.json(200, ComplaintJson.withTimeline(h.registered, false)).toEvent());
        return h.out.size();
    }

    private static int registerOnce(Handlers h) throws IOException {
        h.out.reset();
        h.register.handleRequest(new ByteArrayInputStream(h.registerEvent), h.out, null);
        return h.out.size();
    }

    private static int lookupOnce(Handlers h) throws IOException {
        h.out.reset();
        h.lookup.handleRequest(new ByteArrayInputStream(h.lookupEvent), h.out, null);
        return h.out.size();
    }
}
