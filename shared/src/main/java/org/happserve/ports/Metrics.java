package org.happserve.ports;

/** Operational counters (CloudWatch metrics in AWS), for what logs alone would not alarm on. */
public interface Metrics {
    /** Adds one to the named counter. */
    void count(String name);

    Metrics NONE = name -> { };
}
