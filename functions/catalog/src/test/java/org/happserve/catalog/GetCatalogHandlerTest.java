package org.happserve.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.happserve.domain.Category;
import org.happserve.domain.Ward;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Lambda;
import org.happserve.testing.Lambda.HttpResult;
import org.happserve.testing.MockedPorts;
import org.junit.jupiter.api.Test;

class GetCatalogHandlerTest {
    private final MockedPorts ports = new MockedPorts();
    private final GetCatalogHandler handler = new GetCatalogHandler(ports.directory());

    private HttpResult get() {
        return Lambda.http(handler, Fixtures.event("catalog-get.json"));
    }

    private static JsonNode byCode(JsonNode list, String code) {
        for (JsonNode item : list) if (item.path("code").asText().equals(code)) return item;
        throw new AssertionError("no " + code + " in " + list);
    }

    private static List<String> codes(JsonNode list) {
        List<String> codes = new ArrayList<>();
        list.forEach(item -> codes.add(item.path("code").asText()));
        return codes;
    }

    @Test
    void listsEveryWardAndCategoryOfTheMunicipality() {
        HttpResult r = get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(codes(r.body().path("wards")))
                .containsExactlyElementsOf(Fixtures.sampleDirectory().wards().stream().map(Ward::code).toList());
        assertThat(codes(r.body().path("categories")))
                .containsExactlyElementsOf(Fixtures.sampleDirectory().categories().stream().map(Category::code).toList());
    }

    @Test
    void wardsAndCategoriesCarryTheirNamesDepartmentAndSla() {
        JsonNode body = get().body();
        JsonNode w01 = byCode(body.path("wards"), "W01");
        assertThat(w01.path("name").asText()).isEqualTo("Ward 1 - Sector 1-7");
        assertThat(w01.path("nameGu").asText()).isEqualTo("વોર્ડ ૧ - સેક્ટર ૧-૭");
        JsonNode light = byCode(body.path("categories"), "STREET_LIGHT");
        assertThat(light.path("name").asText()).isEqualTo("Street light not working");
        assertThat(light.path("department").asText()).isEqualTo("ELEC");
        assertThat(light.path("slaHours").asInt()).isEqualTo(48);
        assertThat(byCode(body.path("categories"), "DEAD_ANIMAL").path("slaHours").asInt())
                .as("the citizen is promised the level-0 SLA").isEqualTo(12);
        assertThat(body.path("municipality").path("callCentre").asText()).isEqualTo("1800-233-2610");
    }

    @Test
    void browsersAndTheCdnMayKeepItForFiveMinutes() {
        assertThat(get().header("cache-control")).isEqualTo("public, max-age=300");
    }

    @Test
    void anotherRouteIsNotFound() {
        var event = Fixtures.event("catalog-get.json").put("routeKey", "GET /v1/catalogue");
        HttpResult r = Lambda.http(handler, event);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("content-type")).isEqualTo("application/problem+json");
    }

    @Test
    void noDirectoryLoadedIsAnInternalErrorThatSaysNothingOfTheSetup() {
        when(ports.directoryStore.load()).thenReturn(Optional.empty());
        HttpResult r = get();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body().toString()).doesNotContain("config loader", "IllegalStateException");
    }
}
