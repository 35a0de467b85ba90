package org.happserve.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.happserve.domain.Caller;
import org.happserve.domain.Caller.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallersTest {

    private static Map<String, String> claims(String username, String groups) {
        Map<String, String> claims = new HashMap<>();
        claims.put("cognito:username", username);
        if (groups != null) claims.put("cognito:groups", groups);
        return claims;
    }

    private static ApiEvent event(Map<String, String> headers, Map<String, String> claims) {
        return new ApiEvent("GET /v1/complaints/{number}", "GET", "/v1/complaints/GMC-2612-000451", headers, Map.of(),
                Map.of("number", "GMC-2612-000451"), null, claims, "req-1", null);
    }

    @Test
    void apiGatewaysBracketedGroupsAreRead() {
        Caller c = Callers.fromClaims(claims("operator1", "[operator]"));
        assertThat(c).isEqualTo(new Caller("operator1", Set.of(Role.OPERATOR)));
        assertThat(c.actor()).isEqualTo("operator:operator1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[officer admin]", "[\"officer\",\"admin\"]", "[\"officer\", \"admin\"]", "officer,admin",
            "[Officer ADMIN]", "[officer admin viewers]"})
    void severalGroupsInAnyOfTheUsualRenderings(String groups) {
        assertThat(Callers.fromClaims(claims("supervisor1", groups)).roles()).containsExactlyInAnyOrder(Role.OFFICER, Role.ADMIN);
    }

    @Test
    void anOfficersUsernameIsTheirOfficerId() {
        assertThat(Callers.fromClaims(claims("ae-elec-w01", "[officer]")).officerId()).isEqualTo("ae-elec-w01");
    }

    @Test
    void accessTokensNameTheUserInUsername() {
        Map<String, String> access = new HashMap<>(Map.of("username", "operator2", "cognito:groups", "[operator]"));
        assertThat(Callers.fromClaims(access).username()).isEqualTo("operator2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "[citizens]", "[operators]"})
    void aSignedInUserInNoStaffGroupIsForbidden(String groups) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> Callers.fromClaims(claims("someone", groups)));
        assertThat(e.status()).isEqualTo(403);
    }

    @Test
    void noGroupsClaimAtAllIsForbidden() {
        assertThat(catchThrowableOfType(ApiException.class, () -> Callers.fromClaims(claims("someone", null))).status())
                .isEqualTo(403);
    }

    @Test
    void noUsernameIsForbidden() {
        Map<String, String> claims = claims(null, "[admin]");
        claims.remove("cognito:username");
        assertThat(catchThrowableOfType(ApiException.class, () -> Callers.fromClaims(claims)).status()).isEqualTo(403);
    }

    @Test
    void withoutClaimsOrTokenTheCallerIsACitizen() {
        assertThat(new Callers(null).of(event(Map.of(), Map.of()))).isSameAs(Caller.ANONYMOUS);
    }

    @Test
    void authorizerClaimsWinOverAnyHeader() {
        Caller c = new Callers(null).of(event(Map.of("authorization", "Bearer not-checked"), claims("admin1", "[admin]")));
        assertThat(c.has(Role.ADMIN)).isTrue();
    }

    @Test
    void aTokenWhereNoVerifierIsConfiguredIs401() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new Callers(null).of(event(Map.of("authorization", "Bearer eyJ.x.y"), Map.of())));
        assertThat(e.status()).isEqualTo(401);
    }
}
