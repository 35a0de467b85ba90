package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.happserve.app.CitizenThrottle;
import org.happserve.aws.AwsClients;
import org.happserve.http.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

/**
 * Access control over HTTP on the local runtime: staff tokens that are expired, from another pool or
 * client, signed by another key, tampered with, or lacking the group are refused (401/403); the
 * public routes answer alike for an unknown number and a wrong mobile and are throttled per client
 * and per mobile; CORS answers only the console's origin; mobiles never reach the logs in full.
 */
@ExtendWith(RunningSystem.class)
class AccessIT {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static LocalRuntime runtime;
    private static Http http;
    private static String admin;
    private static String officer;

    @BeforeAll
    static void start(LocalRuntime running) {
        runtime = running;
        http = new Http(runtime.apiUrl());
        admin = http.login("admin1");
        officer = http.login("ae-elec-w01");
    }

    private static CognitoIdentityProviderClient cognito() {
        return new AwsClients(runtime.functionEnvironment()).configure(CognitoIdentityProviderClient.builder()).build();
    }

    private static JsonNode part(String token, int i) {
        try {
            return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[i]));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sign(JsonNode header, JsonNode claims, PrivateKey key) throws Exception {
        String signed = B64.encodeToString(Json.MAPPER.writeValueAsBytes(header)) + "."
                + B64.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + B64.encodeToString(s.sign());
    }

    /** moto's own signing key (it ships it), so that a token can be wrong in exactly one respect. */
    private static PrivateKey motoKey() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import moto,os,gzip;print(gzip.open(os.path.join("
                + "os.path.dirname(moto.__file__),'cognitoidp','resources','jwks-private.json.gz')).read().decode())")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor() == 0, "moto's signing key is not readable here: " + out);
        JsonNode jwk = Json.MAPPER.readTree(out);
        if (jwk.has("keys")) jwk = jwk.path("keys").get(0);
        Base64.Decoder d = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(
                new BigInteger(1, d.decode(jwk.path("n").asText())), new BigInteger(1, d.decode(jwk.path("d").asText()))));
    }

    private static int reports(String token) {
        return http.get("/v1/reports/summary", token).status();
    }

    @Test
    void aTokenWrongInOneRespectIsRefused() throws Exception {
        PrivateKey moto = motoKey();
        JsonNode header = part(admin, 0);
        ObjectNode claims = (ObjectNode) part(admin, 1);
        long now = Instant.now().getEpochSecond();
        // Control: re-signed with moto's key and unchanged, the forged token is accepted …
        assertThat(reports(sign(header, claims, moto))).isEqualTo(200);
        // … so each refusal below is for the one thing changed.
        assertThat(reports(sign(header, claims.deepCopy().put("exp", now - 5).put("iat", now - 3605), moto)))
                .as("expired").isEqualTo(401);
        assertThat(reports(sign(header, claims.deepCopy().put("iss",
                "https://cognito-idp.ap-south-1.amazonaws.com/ap-south-1_another"), moto))).as("another pool").isEqualTo(401);
        assertThat(reports(sign(header, claims.deepCopy().put("aud", "another-client"), moto))).as("another client").isEqualTo(401);
        ObjectNode noneAlg = ((ObjectNode) header.deepCopy()).put("alg", "none");
        String unsigned = B64.encodeToString(Json.MAPPER.writeValueAsBytes(noneAlg)) + "."
                + B64.encodeToString(Json.MAPPER.writeValueAsBytes(claims)) + ".";
        assertThat(reports(unsigned)).as("alg none").isEqualTo(401);
        // The public lookup verifies a token itself: an expired one is refused, not treated as a citizen.
        String expired = sign(header, claims.deepCopy().put("exp", now - 5), moto);
        Http.Response lookup = http.get("/v1/complaints/GMC-2612-000001", expired);
        assertThat(lookup.status()).isEqualTo(401);
        assertThat(lookup.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void aTokenSignedWithAnotherKeyOrTamperedWithIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey ours = g.generateKeyPair().getPrivate();
        JsonNode header = part(admin, 0);
        JsonNode claims = part(admin, 1);
        assertThat(reports(sign(header, claims, ours))).as("same kid, another key").isEqualTo(401);
        assertThat(reports(sign(((ObjectNode) header.deepCopy()).put("kid", "our-own-key"), claims, ours)))
                .as("unknown kid").isEqualTo(401);
        // An officer's token with its groups changed to admin, signature kept.
        String[] parts = officer.split("\\.");
        ObjectNode elevated = ((ObjectNode) part(officer, 1)).put("cognito:groups", "admin");
        elevated.putArray("cognito:groups").add("admin");
        String tampered = parts[0] + "." + B64.encodeToString(Json.MAPPER.writeValueAsBytes(elevated)) + "." + parts[2];
        assertThat(reports(tampered)).as("tampered claims").isEqualTo(401);
        assertThat(reports(officer)).as("the untampered officer token lacks the admin group").isEqualTo(403);
        assertThat(reports(admin.substring(0, admin.length() - 4) + "AAAA")).as("tampered signature").isEqualTo(401);
    }

    @Test
    void tokensFromAnotherPoolOrClientAreRefused() {
        try (CognitoIdentityProviderClient cognito = cognito()) {
            String pool = cognito.createUserPool(r -> r.poolName("another-municipality")).userPool().id();
            String client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("c")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
            cognito.adminCreateUser(r -> r.userPoolId(pool).username("admin1").messageAction("SUPPRESS"));
            cognito.adminSetUserPassword(r -> r.userPoolId(pool).username("admin1").password(LocalRuntime.DEMO_PASSWORD).permanent(true));
            cognito.createGroup(r -> r.userPoolId(pool).groupName("admin"));
            cognito.adminAddUserToGroup(r -> r.userPoolId(pool).username("admin1").groupName("admin"));
            String otherPool = cognito.initiateAuth(r -> r.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "admin1", "PASSWORD", LocalRuntime.DEMO_PASSWORD))).authenticationResult().idToken();
            assertThat(reports(otherPool)).as("another pool").isEqualTo(401);

            String otherClient = cognito.createUserPoolClient(r -> r.userPoolId(runtime.userPoolId()).clientName("not-the-console")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)).userPoolClient().clientId();
            var tokens = cognito.initiateAuth(r -> r.clientId(otherClient).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "admin1", "PASSWORD", LocalRuntime.DEMO_PASSWORD))).authenticationResult();
            assertThat(reports(tokens.idToken())).as("another client's ID token").isEqualTo(401);
            assertThat(reports(tokens.accessToken())).as("another client's access token").isEqualTo(401);
            assertThat(reports(admin)).isEqualTo(200);
        }
    }

    @Test
    void staffWithoutTheGroupAreForbidden() {
        try (CognitoIdentityProviderClient cognito = cognito()) {
            cognito.adminCreateUser(r -> r.userPoolId(runtime.userPoolId()).username("nogroup1").messageAction("SUPPRESS"));
            cognito.adminSetUserPassword(r -> r.userPoolId(runtime.userPoolId()).username("nogroup1")
                    .password(LocalRuntime.DEMO_PASSWORD).permanent(true));
        }
        String nobody = http.login("nogroup1");
        for (String path : List.of("/v1/complaints?ward=W01", "/v1/inbox", "/v1/reports/summary", "/v1/directory")) {
            Http.Response r = http.get(path, nobody);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.header("content-type")).startsWith("application/problem+json");
        }
        assertThat(http.post("/v1/intakes", nobody, "{}").status()).isEqualTo(403);
        assertThat(http.post("/v1/intakes", officer, "{}").status()).as("an officer records no intakes").isEqualTo(403);
        assertThat(http.get("/v1/directory", officer).status()).as("the directory is the admin's").isEqualTo(403);
    }

    @Test
    void thePublicLookupCannotTellAnUnknownNumberFromAWrongMobile() {
        Http.Response created = http.post("/v1/complaints", null, HostileInputIT.validBody("9812300071"));
        String n = created.json().path("number").asText();
        Http.Response wrongMobile = http.get("/v1/complaints/" + n + "?mobile=9812300072", null);
        Http.Response unknown = http.get("/v1/complaints/GMC-2612-999998?mobile=9812300072", null);
        assertThat(wrongMobile.status()).isEqualTo(404);
        assertThat(wrongMobile.body()).isEqualTo(unknown.body());
        assertThat(wrongMobile.header("content-type")).isEqualTo(unknown.header("content-type"));
        Http.Response reopenWrong = http.post("/v1/complaints/" + n + "/reopen", null, "{\"mobile\":\"9812300072\",\"reason\":\"x\"}");
        Http.Response reopenUnknown = http.post("/v1/complaints/GMC-2612-999998/reopen", null, "{\"mobile\":\"9812300072\",\"reason\":\"x\"}");
        assertThat(reopenWrong.status()).isEqualTo(404);
        assertThat(reopenWrong.body()).isEqualTo(reopenUnknown.body());
        // The owner sees the complaint with the mobile masked.
        JsonNode mine = http.get("/v1/complaints/" + n + "?mobile=9812300071", null).json();
        assertThat(mine.path("citizen").path("mobile").asText()).doesNotContain("98123000").endsWith("0071");
    }

    /**
     * The template's limits (per address 60, per mobile 10, one-minute windows aligned to the clock):
     * a count must not straddle two windows, so wait for the next one if this one is nearly over.
     */
    private static final CitizenThrottle.Limits LIMITS = CitizenThrottle.Limits.DEFAULT;

    private static void roomInWindow(Duration needed) throws InterruptedException {
        long window = LIMITS.window().toMillis();
        long left = window - Math.floorMod(System.currentTimeMillis(), window);
        if (left < needed.toMillis()) Thread.sleep(left + 250);
    }

    private static RawHttp from(String address) throws Exception {
        return new RawHttp(runtime.apiUrl(), InetAddress.getByName(address));
    }

    @Test
    void lookupsAreThrottledPerMobileFromWhateverAddress() throws Exception {
        roomInWindow(Duration.ofSeconds(20));
        String mobile = "9812300081";
        int allowed = 0;
        RawHttp.Response last = null;
        for (int i = 0; i < 30; i++) {
            // Each guess from another address: only the mobile's count fills.
            last = from("127.0.1." + (i + 1)).send(new RawHttp.Request("GET",
                    "/v1/complaints/GMC-2612-99999" + (i % 10) + "?mobile=" + mobile, Map.of(), null));
            if (last.status() == 429) break;
            assertThat(last.status()).isEqualTo(404);
            allowed++;
        }
        assertThat(allowed).as("the mobile's limit").isEqualTo(LIMITS.perMobile());
        assertProblem429(last);
        assertThat(last.body()).contains("mobile number").doesNotContain("2300081");
        // A reopen naming that mobile, in another form, from yet another address, shares the count …
        RawHttp.Response reopen = from("127.0.1.99").send(new RawHttp.Request("POST", "/v1/complaints/GMC-2612-999990/reopen",
                Map.of("Content-Type", "application/json"), ("{\"mobile\":\"+91" + mobile + "\",\"reason\":\"x\"}").getBytes(StandardCharsets.UTF_8)));
        assertProblem429(reopen);
        // … while another mobile is answered as usual.
        assertThat(http.get("/v1/complaints/GMC-2612-999990?mobile=9812300082", null).status()).isEqualTo(404);
        System.out.println("AccessIT: per-mobile limit " + allowed + " lookups from " + allowed + " addresses, then 429 Retry-After "
                + last.header("retry-after") + " s");
    }

    @Test
    void lookupsAreThrottledPerClientAddressButNotForStaff() throws Exception {
        roomInWindow(Duration.ofSeconds(30));
        RawHttp other = from("127.0.0.9");
        int sent = 0;
        RawHttp.Response r = null;
        for (; sent < 200; sent++) {
            // A different mobile each time: only the address's count fills.
            r = other.send(new RawHttp.Request("GET", "/v1/complaints/GMC-2612-999997?mobile=97" + String.format("%08d", sent), Map.of(), null));
            if (r.status() == 429) break;
            assertThat(r.status()).isEqualTo(404);
        }
        assertThat(sent).as("the address's limit").isEqualTo(LIMITS.perIp());
        assertProblem429(r);
        assertThat(r.body()).contains("address");
        // Another client (127.0.0.1) is unaffected; staff at the refused address are not counted.
        assertThat(http.get("/v1/complaints/GMC-2612-999997?mobile=9612300001", null).status()).isEqualTo(404);
        RawHttp.Response staff = other.send(new RawHttp.Request("GET", "/v1/complaints/GMC-2612-999997",
                Map.of("Authorization", "Bearer " + admin), null));
        assertThat(staff.status()).isEqualTo(404);
        System.out.println("AccessIT: per-address limit " + sent + " lookups, then 429 Retry-After " + r.header("retry-after")
                + " s; staff at that address served");
    }

    private static void assertProblem429(RawHttp.Response r) {
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("content-type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(r.header("retry-after"))).isPositive();
        JsonNode p;
        try {
            p = Json.MAPPER.readTree(r.bodyBytes());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(p.path("status").asInt()).isEqualTo(429);
        assertThat(p.path("type").asText()).isNotBlank();
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
    }

    @Test
    void corsAnswersTheConsoleOriginOnly() {
        String console = runtime.apiUrl().toString();
        RawHttp raw = new RawHttp(runtime.apiUrl());
        for (String origin : List.of("https://evil.example", "null", console + ".evil.example", "http://127.0.0.1:1")) {
            RawHttp.Response get = raw.send(new RawHttp.Request("GET", "/v1/catalog", Map.of("Origin", origin), null));
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.header("access-control-allow-origin")).as(origin).isNull();
            RawHttp.Response preflight = raw.send(new RawHttp.Request("OPTIONS", "/v1/complaints", Map.of("Origin", origin,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization"), new byte[0]));
            assertThat(preflight.header("access-control-allow-origin")).as("preflight from " + origin).isNull();
        }
        RawHttp.Response mine = raw.send(new RawHttp.Request("GET", "/v1/catalog", Map.of("Origin", console), null));
        assertThat(mine.header("access-control-allow-origin")).isEqualTo(console);
        assertThat(mine.header("access-control-allow-credentials")).isNull();
    }

    @Test
    void mobilesNeverReachTheLogsInFull() {
        StringBuilder captured = new StringBuilder();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("mobile-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                synchronized (captured) {
                    captured.append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage()).append('\n');
                    event.getContextData().forEach((k, v) -> captured.append(k).append('=').append(v).append('\n'));
                    if (event.getThrown() != null) {
                        StringWriter w = new StringWriter();
                        event.getThrown().printStackTrace(new PrintWriter(w));
                        captured.append(w);
                    }
                }
            }
        };
        capture.start();
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        ctx.updateLoggers();
        String mobile = "9812377701";
        try {
            String operator = http.login("operator1");
            Http.Response created = http.post("/v1/complaints", null, HostileInputIT.validBody(mobile).replace(
                    "\"mobile\"", "\"email\":\"citizen77@example.org\",\"mobile\""));
            assertThat(created.status()).isEqualTo(201);
            String n = created.json().path("number").asText();
            http.get("/v1/complaints/" + n + "?mobile=" + mobile, null);
            http.get("/v1/complaints/" + n + "?mobile=9812377702", null); // a wrong mobile: 404
            http.get("/v1/complaints?mobile=" + mobile, operator);
            http.post("/v1/intakes", operator, "{\"citizen\":{\"name\":\"Log Test\",\"mobile\":\"+91" + mobile
                    + "\"},\"channel\":\"CALL_CENTRE\",\"complaints\":[{\"ward\":\"W01\",\"category\":\"POTHOLE\",\"description\":\"x\"}]}");
            http.post("/v1/complaints/" + n + "/close", admin, "{\"resolution\":\"fixed\"}");
            http.post("/v1/complaints/" + n + "/reopen", null, "{\"mobile\":\"" + mobile + "\",\"reason\":\"again\"}");
            http.post("/v1/complaints", null, HostileInputIT.validBody(mobile).replace("\"W01\"", "\"W99\"")); // refused
        } finally {
            ctx.getConfiguration().getRootLogger().removeAppender("mobile-capture");
            ctx.updateLoggers();
            capture.stop();
        }
        String logs;
        synchronized (captured) {
            logs = captured.toString();
        }
        assertThat(logs).as("something was logged").contains("POST /v1/complaints");
        assertThat(logs).doesNotContain(mobile).doesNotContain("98123 77701").doesNotContain("citizen77@example.org");
        System.out.println("AccessIT: " + logs.lines().count() + " log lines captured, no full mobile or email in them");
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
