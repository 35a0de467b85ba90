package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.happserve.http.Json;
import org.junit.jupiter.api.Test;

/**
 * The console's interface strings: Gujarati has every English string with the same placeholders,
 * and every key the scripts name literally exists (a typo would show the key itself on screen).
 */
class ConsoleDictionariesTest {
    private static final Path CONSOLE = RepoRoot.find().resolve("console");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+}");

    private static Map<String, String> dictionary(String language) throws IOException {
        return Json.MAPPER.readValue(CONSOLE.resolve("i18n/" + language + ".json").toFile(), new TypeReference<>() {});
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group()).collect(Collectors.toSet());
    }

    @Test
    void gujaratiHasEveryStringWithTheSamePlaceholders() throws IOException {
        Map<String, String> en = dictionary("en");
        Map<String, String> gu = dictionary("gu");
        assertThat(gu.keySet()).isEqualTo(en.keySet());
        en.forEach((key, text) -> assertThat(placeholders(gu.get(key))).as(key).isEqualTo(placeholders(text)));
    }

    @Test
    void everyKeyTheScriptsNameExists() throws IOException {
        Map<String, String> en = dictionary("en");
        Set<String> prefixes = en.keySet().stream().filter(k -> k.contains(".")).map(k -> k.substring(0, k.indexOf('.') + 1))
                .collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        try (Stream<Path> scripts = Files.list(CONSOLE.resolve("js"))) {
            for (Path script : scripts.toList()) {
                Matcher m = Pattern.compile("'([a-z]+\\.[A-Za-z.]+)'").matcher(Files.readString(script));
                while (m.find()) {
                    String key = m.group(1);
                    if (prefixes.stream().anyMatch(key::startsWith)) named.add(key);
                }
            }
        }
        assertThat(named).hasSizeGreaterThan(50);
        assertThat(en.keySet()).containsAll(named);
    }
}
