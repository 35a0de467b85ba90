package org.happserve.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.happserve.config.DirectoryJson;
import org.happserve.testing.Fixtures;
import org.happserve.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern GUJARATI = Pattern.compile("[\\u0A80-\\u0AFF]");
    private static final Messages MESSAGES = Samples.MESSAGES;

    private static Properties templates(Language language) {
        try (InputStream in = Messages.class.getResourceAsStream("/messages/" + language.code() + ".properties")) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> placeholders(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** Messages to citizens exist in Gujarati; a template missing there falls back to English with the same variables. */
    @Test
    void gujaratiTemplatesMatchTheEnglishOnes() {
        Properties en = templates(Language.EN);
        Properties gu = templates(Language.GU);
        assertThat(en.stringPropertyNames()).containsAll(gu.stringPropertyNames());
        assertThat(gu.stringPropertyNames()).as("every message a citizen receives")
                .containsAll(en.stringPropertyNames().stream().filter(k -> k.contains(".CITIZEN_")).toList());
        for (String key : gu.stringPropertyNames()) {
            assertThat(placeholders(gu.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
            assertThat(GUJARATI.matcher(gu.getProperty(key)).find()).as("%s is translated", key).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTemplateRendersCompletelyGivenItsVariables(Language language) {
        Properties english = templates(Language.EN);
        for (String key : english.stringPropertyNames()) {
            Map<String, String> vars = placeholders(english.getProperty(key)).stream()
                    .collect(Collectors.toMap(v -> v, v -> "<" + v + ">"));
            String out = MESSAGES.render(language, key, vars);
            assertThat(out).as(key).doesNotContainPattern(PLACEHOLDER);
            vars.values().forEach(value -> assertThat(out).as(key).contains(value));
        }
    }

    /** What registration actually sends, in each language, as citizen and as municipality default. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void registrationFillsEveryVariableOfEveryTemplateItUses(Language language) {
        Directory municipalityInLanguage = DirectoryJson.parse(Fixtures.sampleDirectoryJson()
                .replace("\"defaultLanguage\": \"en\"", "\"defaultLanguage\": \"" + language.code() + "\""));
        Citizen citizen = new Citizen("Asha Patel", Samples.MOBILE, Samples.EMAIL, language);
        NewComplaint c = Registration.open(municipalityInLanguage, MESSAGES, "GMC-2612-000451", citizen,
                new ComplaintDraft("W05", "DEAD_ANIMAL", "Dead dog near the gate", null, null), Channel.CALL_CENTRE,
                "operator:operator1", Fixtures.NOW, 1);
        assertThat(c.notifications()).hasSize(3).allSatisfy(n -> {
            assertThat(n.language()).isEqualTo(language);
            assertThat(n.body()).doesNotContainPattern(PLACEHOLDER).contains("GMC-2612-000451");
            if (n.subject() != null) assertThat(n.subject()).doesNotContainPattern(PLACEHOLDER);
            assertThat(GUJARATI.matcher(n.body()).find()).isEqualTo(language == Language.GU);
        });
    }

    @Test
    void valuesAreInsertedLiterally() {
        Map<String, String> vars = new LinkedHashMap<>();
        placeholders(templates(Language.EN).getProperty("email.CITIZEN_REGISTERED.body")).forEach(v -> vars.put(v, v));
        vars.put("name", "Rs $1 \\ {number}");
        assertThat(MESSAGES.render(Language.EN, "email.CITIZEN_REGISTERED.body", vars)).startsWith("Dear Rs $1 \\ {number},");
    }

    @Test
    void aMissingVariableOrTemplateIsAnError() {
        assertThatThrownBy(() -> MESSAGES.render(Language.EN, "email.CITIZEN_REGISTERED.subject", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{number}");
        assertThatThrownBy(() -> MESSAGES.render(Language.GU, "sms.NO_SUCH_EVENT", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sms.NO_SUCH_EVENT");
    }
}
