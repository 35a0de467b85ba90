package org.happserve.domain;

import java.util.List;

/**
 * A member of staff who can be assigned complaints. Jurisdiction is wards × department at a level;
 * {@code "*"} in {@code wards} or as {@code department} means all of them.
 */
public record Officer(String id, String name, String designation, String mobile, String email, int level,
                      String department, List<String> wards) {

    public static final String ALL = "*";

    public boolean covers(String ward, String dept, int atLevel) {
        return level == atLevel
                && (ALL.equals(department) || department.equals(dept))
                && (wards.contains(ALL) || wards.contains(ward));
    }
}
