package org.happserve.domain;

public record Department(String code, String name, String nameGu) {}
