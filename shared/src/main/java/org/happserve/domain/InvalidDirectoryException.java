package org.happserve.domain;

import java.util.List;

/** A directory that cannot route every complaint; {@link #problems()} names each gap. */
public class InvalidDirectoryException extends RuntimeException {
    private final List<String> problems;

    public InvalidDirectoryException(List<String> problems) {
        super("invalid directory:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
