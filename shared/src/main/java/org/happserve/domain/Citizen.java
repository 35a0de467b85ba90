package org.happserve.domain;

/** The complainant. {@code mobile} is E.164; {@code email} optional; {@code language} for messages. */
public record Citizen(String name, String mobile, String email, Language language) {}
