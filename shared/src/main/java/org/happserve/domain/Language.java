package org.happserve.domain;

/** Languages messages are written in: English and Gujarati. */
public enum Language {
    EN("en"), GU("gu");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Language fromCode(String code) {
        for (Language l : values()) if (l.code.equalsIgnoreCase(code)) return l;
        throw new IllegalArgumentException("unsupported language " + code);
    }
}
