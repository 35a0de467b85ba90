package org.happserve.domain;

/** A rung of the escalation chain: 0 is the area officer, the highest the Deputy Commissioner. */
public record Level(int level, String title) {}
