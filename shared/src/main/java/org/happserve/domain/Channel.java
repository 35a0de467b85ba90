package org.happserve.domain;

/** How a complaint reached the municipality. WEB is the citizen's own submission. */
public enum Channel {
    WEB, CALL_CENTRE, WARD_OFFICE, EMAIL;

    /** The channels an operator may record at intake. */
    public boolean isAssisted() {
        return this != WEB;
    }
}
