package org.happserve.domain;

import java.util.Set;

/** Who is calling: anonymous (a citizen) or a signed-in member of staff with Cognito groups. */
public record Caller(String username, Set<Role> roles) {
    public enum Role { OPERATOR, OFFICER, ADMIN }

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public boolean isStaff() {
        return !roles.isEmpty();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** An officer's Cognito username is their officer id in the directory. */
    public String officerId() {
        return has(Role.OFFICER) ? username : null;
    }

    /** How this caller appears on a timeline. */
    public String actor() {
        if (!isStaff()) return "citizen";
        String role = has(Role.ADMIN) ? "admin" : has(Role.OPERATOR) ? "operator" : "officer";
        return role + ":" + username;
    }
}
