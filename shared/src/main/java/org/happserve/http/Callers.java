package org.happserve.http;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.happserve.domain.Caller;

/**
 * Who is calling. On routes behind the JWT authorizer the claims arrive in the event; on public
 * routes a member of staff may still send a bearer token, which is then verified here.
 */
public final class Callers {
    private final JwtVerifier verifier;

    public Callers(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    public Caller of(ApiEvent event) {
        if (!event.claims().isEmpty()) return fromClaims(event.claims());
        String auth = event.header("authorization");
        if (auth == null || auth.isBlank()) return Caller.ANONYMOUS;
        if (verifier == null) throw ApiException.unauthorized("staff sign-in is not configured here");
        String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : auth.strip();
        return fromClaims(verifier.verify(token));
    }

    static Caller fromClaims(Map<String, String> claims) {
        String username = claims.getOrDefault("cognito:username", claims.get("username"));
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        String groups = claims.getOrDefault("cognito:groups", "");
        for (String g : groups.replace("[", "").replace("]", "").replace("\"", "").split("[,\\s]+")) {
            switch (g.strip().toLowerCase(Locale.ROOT)) {
                case "operator" -> roles.add(Caller.Role.OPERATOR);
                case "officer" -> roles.add(Caller.Role.OFFICER);
                case "admin" -> roles.add(Caller.Role.ADMIN);
                default -> { }
            }
        }
        if (username == null || roles.isEmpty()) throw ApiException.forbidden("the signed-in user is in no staff group");
        return new Caller(username, Set.copyOf(roles));
    }
}
