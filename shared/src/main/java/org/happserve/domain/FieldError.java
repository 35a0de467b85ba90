package org.happserve.domain;

/** One thing wrong with a request, named by its JSON path (e.g. {@code complaints[1].ward}). */
public record FieldError(String field, String message) {}
