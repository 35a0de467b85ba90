package org.happserve.domain;

public enum Status { OPEN, CLOSED }
