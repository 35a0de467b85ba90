package org.happserve.domain;

/** A complaint that passed validation, not yet numbered or routed. */
public record ComplaintDraft(String ward, String category, String description, String address, Location location) {}
