package org.happserve.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.happserve.domain.Caller;
import org.happserve.domain.Caller.Role;
import org.happserve.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens signed here with a key pair of our own, checked against a JWKS served on the loopback interface. */
class JwtVerifierTest {
    private static final String ISSUER = "https://cognito-idp.ap-south-1.amazonaws.com/ap-south-1_Gm7cH4pSe";
    private static final String CLIENT = "5q8r2c7n1k4m9p3s6t0v2w8x1y";
    private static final String KID = "test-key-1";
    private static final long NOW = Fixtures.NOW.getEpochSecond();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final AtomicInteger jwksRequests = new AtomicInteger();

    private static KeyPair poolKey;
    private static HttpServer jwks;
    private JwtVerifier verifier;

    @BeforeAll
    static void serveJwks() throws IOException, GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        poolKey = rsa.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) poolKey.getPublic();
        ObjectNode doc = Json.object();
        doc.putArray("keys").addObject().put("alg", "RS256").put("e", unsigned(pub.getPublicExponent()))
                .put("kid", KID).put("kty", "RSA").put("n", unsigned(pub.getModulus())).put("use", "sig");
        byte[] body = doc.toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            jwksRequests.incrementAndGet();
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    @BeforeEach
    void newVerifier() {
        jwksRequests.set(0);
        URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
        verifier = new JwtVerifier(ISSUER, CLIENT, url, Fixtures.CLOCK);
    }

    private static String unsigned(BigInteger i) {
        byte[] bytes = i.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0; // drop the sign byte, as JWK wants
        return B64.encodeToString(Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    /** The claims of an ID token of the staff pool for {@code ae-elec-w01}, valid for an hour. */
    private static ObjectNode idClaims() {
        ObjectNode c = Json.object();
        c.put("sub", "4c2e8b10-9d3f-4a6e-b7c1-2e5f8a9b0c3d");
        c.putArray("cognito:groups").add("officer").add("admin");
        c.put("iss", ISSUER).put("cognito:username", "ae-elec-w01").put("aud", CLIENT).put("token_use", "id");
        c.put("auth_time", NOW - 60).put("iat", NOW - 60).put("exp", NOW + 3600);
        c.put("email", "ae-elec-w01@gandhinagarmunicipal.example");
        return c;
    }

    private static String sign(ObjectNode claims) {
        return sign(claims, KID, poolKey.getPrivate());
    }

    private static String sign(ObjectNode claims, String kid, PrivateKey key) {
        String header = B64.encodeToString(Json.object().put("kid", kid).put("alg", "RS256").toString()
                .getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String refusal(String token) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> verifier.verify(token));
        assertThat(e.status()).isEqualTo(401);
        return e.getMessage();
    }

    @Test
    void aValidIdTokenYieldsItsClaimsAsApiGatewayPassesThem() {
        Map<String, String> claims = verifier.verify(sign(idClaims()));
        assertThat(claims).containsEntry("cognito:username", "ae-elec-w01")
                .containsEntry("cognito:groups", "[officer admin]")
                .containsEntry("exp", String.valueOf(NOW + 3600));
        assertThat(Callers.fromClaims(claims).roles()).containsExactlyInAnyOrder(Role.OFFICER, Role.ADMIN);
    }

    @Test
    void aValidAccessTokenIsCheckedAgainstClientId() {
        ObjectNode access = idClaims().put("token_use", "access").put("client_id", CLIENT);
        access.remove("aud");
        assertThat(verifier.verify(sign(access))).containsEntry("client_id", CLIENT);
        assertThat(refusal(sign(access.put("client_id", "another-client")))).isEqualTo("token for another client");
    }

    @Test
    void theKeySetIsFetchedOnceAndCached() {
        verifier.verify(sign(idClaims()));
        verifier.verify(sign(idClaims().put("cognito:username", "ae-elec-w03")));
        assertThat(jwksRequests).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(refusal(sign(idClaims().put("exp", NOW - 1)))).isEqualTo("token expired");
        assertThat(refusal(sign(idClaims().put("exp", NOW)))).isEqualTo("token expired");
        ObjectNode noExpiry = idClaims();
        noExpiry.remove("exp");
        assertThat(refusal(sign(noExpiry))).isEqualTo("token expired");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertThat(refusal(sign(idClaims().put("iss", ISSUER.replace("Gm7cH4pSe", "Other0000")))))
                .isEqualTo("token from another issuer");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThat(refusal(sign(idClaims().put("aud", "another-client")))).isEqualTo("token for another client");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = sign(idClaims()).split("\\.");
        String forged = B64.encodeToString(idClaims().put("cognito:username", "dmc").toString()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(parts[0] + "." + forged + "." + parts[2])).isEqualTo("invalid token signature");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAKnownKidIsRefused() throws GeneralSecurityException {
        PrivateKey impostor = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        assertThat(refusal(sign(idClaims(), KID, impostor))).isEqualTo("invalid token signature");
    }

    @Test
    void anUnknownKidIsRefused() {
        assertThat(refusal(sign(idClaims(), "rotated-away", poolKey.getPrivate()))).isEqualTo("unknown signing key");
    }

    @Test
    void onlyRs256IsAccepted() {
        String payload = B64.encodeToString(idClaims().toString().getBytes(StandardCharsets.UTF_8));
        for (String alg : new String[] {"none", "HS256", "RS512"}) {
            String header = B64.encodeToString(("{\"kid\":\"" + KID + "\",\"alg\":\"" + alg + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(refusal(header + "." + payload + ".c2ln")).as(alg).isEqualTo("unsupported token algorithm");
        }
    }

    @Test
    void somethingThatIsNotAJwtIsRefused() {
        assertThat(refusal("not-a-token")).isEqualTo("the bearer token is not a JWT");
        assertThat(refusal("a.b.c")).isEqualTo("invalid token");
        assertThat(refusal(null)).isEqualTo("the bearer token is not a JWT");
    }

    @Test
    void aBearerTokenOnAPublicRouteIdentifiesStaff() {
        ApiEvent event = new ApiEvent("GET /v1/complaints/{number}", "GET", "/v1/complaints/GMC-2612-000451",
                Map.of("authorization", "Bearer " + sign(idClaims())), Map.of(), Map.of("number", "GMC-2612-000451"),
                null, Map.of(), "req-1", null);
        Caller caller = new Callers(verifier).of(event);
        assertThat(caller.username()).isEqualTo("ae-elec-w01");
        assertThat(caller.isStaff()).isTrue();
    }
}
