package org.happserve.domain;

public record Ward(String code, String name, String nameGu) {}
