package org.happserve.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies Cognito RS256 tokens the way API Gateway's JWT authorizer does: signature against the
 * pool's JWKS, issuer, audience (ID tokens) or client_id (access tokens), expiry. Used where a
 * route is public but staff may identify themselves, and by the local API Gateway.
 */
public final class JwtVerifier {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private final String issuer;
    private final String audience;
    private final URI jwksUrl;
    private final Clock clock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public JwtVerifier(String issuer, String audience, URI jwksUrl, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.jwksUrl = jwksUrl;
        this.clock = clock;
    }

    /** The token's claims, as API Gateway passes them to a function (all values as strings). */
    public Map<String, String> verify(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) throw ApiException.unauthorized("the bearer token is not a JWT");
        try {
            JsonNode header = Json.MAPPER.readTree(B64.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) throw ApiException.unauthorized("unsupported token algorithm");
            PublicKey key = key(header.path("kid").asText());
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initVerify(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(B64.decode(parts[2]))) throw ApiException.unauthorized("invalid token signature");
            JsonNode claims = Json.MAPPER.readTree(B64.decode(parts[1]));
            if (!issuer.equals(claims.path("iss").asText())) throw ApiException.unauthorized("token from another issuer");
            String use = claims.path("token_use").asText();
            String aud = "access".equals(use) ? claims.path("client_id").asText() : claims.path("aud").asText();
            if (!audience.equals(aud)) throw ApiException.unauthorized("token for another client");
            if (claims.path("exp").asLong(0) <= clock.instant().getEpochSecond()) throw ApiException.unauthorized("token expired");
            Map<String, String> out = new HashMap<>();
            claims.fields().forEachRemaining(f -> out.put(f.getKey(), claimText(f.getValue())));
            return out;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.unauthorized("invalid token");
        }
    }

    /** API Gateway renders array claims as {@code [a b]}. */
    private static String claimText(JsonNode v) {
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            v.forEach(x -> sb.append(sb.length() > 1 ? " " : "").append(x.asText()));
            return sb.append(']').toString();
        }
        return v.asText();
    }

    private PublicKey key(String kid) throws Exception {
        PublicKey k = keys.get(kid);
        if (k == null) {
            refresh();
            k = keys.get(kid);
        }
        if (k == null) throw ApiException.unauthorized("unknown signing key");
        return k;
    }

    private synchronized void refresh() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(jwksUrl).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("JWKS answered " + r.statusCode());
        for (JsonNode jwk : Json.MAPPER.readTree(r.body()).path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asText())) continue;
            keys.put(jwk.path("kid").asText(), rsa(jwk.path("n").asText(), jwk.path("e").asText()));
        }
    }

    private static PublicKey rsa(String n, String e) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(new BigInteger(1, B64.decode(n)), new BigInteger(1, B64.decode(e))));
    }
}
