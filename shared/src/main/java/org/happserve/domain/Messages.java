package org.happserve.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message texts per event and language ({@code messages/<lang>.properties}, UTF-8). SMS texts
 * mirror the templates registered with India's DLT, so they change only with that registration.
 */
public final class Messages {
    private static final Pattern VAR = Pattern.compile("\\{(\\w+)}");
    private final Map<Language, Properties> texts = new EnumMap<>(Language.class);

    private Messages() {}

    public static Messages load() {
        Messages m = new Messages();
        for (Language l : Language.values()) {
            try (InputStream in = Messages.class.getResourceAsStream("/messages/" + l.code() + ".properties")) {
                if (in == null) throw new IllegalStateException("missing messages/" + l.code() + ".properties");
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                m.texts.put(l, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }

    /** The text for {@code key} in {@code language} (English where it lacks one), variables filled in. */
    public String render(Language language, String key, Map<String, String> vars) {
        String template = texts.get(language).getProperty(key, texts.get(Language.EN).getProperty(key));
        if (template == null) throw new IllegalArgumentException("no message " + key);
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) throw new IllegalArgumentException("message " + key + " needs {" + m.group(1) + "}");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
