package org.happserve.domain;

public record Location(double lat, double lng) {}
