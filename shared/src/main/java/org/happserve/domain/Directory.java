package org.happserve.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wards, departments, categories and officers of one municipality. A directory is only built
 * complete: every (ward, department) resolves to exactly one officer at every level, so routing
 * and escalation can never find a gap at run time.
 */
public final class Directory {
    private final Municipality municipality;
    private final List<Level> levels;
    private final Map<String, Ward> wards;
    private final Map<String, Department> departments;
    private final Map<String, Category> categories;
    private final Map<String, Officer> officers;

    private Directory(Municipality municipality, List<Level> levels, List<Ward> wards, List<Department> departments,
                      List<Category> categories, List<Officer> officers) {
        this.municipality = municipality;
        this.levels = levels.stream().sorted(Comparator.comparingInt(Level::level)).toList();
        this.wards = index(wards, Ward::code);
        this.departments = index(departments, Department::code);
        this.categories = index(categories, Category::code);
        this.officers = index(officers, Officer::id);
    }

    /** Builds and checks a directory; the exception lists every problem, each gap by (ward, department, level). */
    public static Directory of(Municipality municipality, List<Level> levels, List<Ward> wards,
                               List<Department> departments, List<Category> categories, List<Officer> officers) {
        List<String> problems = problems(municipality, levels, wards, departments, categories, officers);
        if (!problems.isEmpty()) throw new InvalidDirectoryException(problems);
        return new Directory(municipality, levels, wards, departments, categories, officers);
    }

    private static List<String> problems(Municipality m, List<Level> levels, List<Ward> wards,
                                         List<Department> departments, List<Category> categories,
                                         List<Officer> officers) {
        List<String> problems = new ArrayList<>();
        if (m == null || blank(m.prefix()) || !m.prefix().matches("[A-Z]{2,6}")) {
            problems.add("municipality.prefix must be 2 to 6 capital letters");
        }
        if (levels == null || levels.isEmpty()) problems.add("levels must list at least one level");
        if (wards == null || wards.isEmpty()) problems.add("wards must list at least one ward");
        if (departments == null || departments.isEmpty()) problems.add("departments must list at least one department");
        if (categories == null || categories.isEmpty()) problems.add("categories must list at least one category");
        if (!problems.isEmpty()) return problems;
        duplicates(wards.stream().map(Ward::code).toList(), "ward", problems);
        duplicates(departments.stream().map(Department::code).toList(), "department", problems);
        duplicates(categories.stream().map(Category::code).toList(), "category", problems);
        duplicates(officers.stream().map(Officer::id).toList(), "officer", problems);
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).level() != i) problems.add("levels must be numbered 0.." + (levels.size() - 1) + " without gaps");
        }
        Set<String> deptCodes = departments.stream().map(Department::code).collect(Collectors.toSet());
        Set<String> wardCodes = wards.stream().map(Ward::code).collect(Collectors.toSet());
        for (Category c : categories) {
            if (!deptCodes.contains(c.department())) {
                problems.add("category " + c.code() + " names unknown department " + c.department());
            }
            if (c.slaHours() <= 0) problems.add("category " + c.code() + " needs a positive slaHours");
            if (c.slaHoursByLevel() != null && c.slaHoursByLevel().stream().anyMatch(h -> h == null || h <= 0)) {
                problems.add("category " + c.code() + " has a non-positive slaHoursByLevel entry");
            }
        }
        for (Officer o : officers) {
            if (blank(o.id()) || blank(o.name()) || blank(o.designation())) {
                problems.add("officer " + o.id() + " needs an id, a name and a designation");
            }
            if (o.mobile() == null || Mobile.normalize(o.mobile()).isEmpty()) {
                problems.add("officer " + o.id() + " has an invalid mobile");
            }
            if (o.level() < 0 || o.level() >= levels.size()) problems.add("officer " + o.id() + " has unknown level " + o.level());
            if (o.department() == null || !(Officer.ALL.equals(o.department()) || deptCodes.contains(o.department()))) {
                problems.add("officer " + o.id() + " names unknown department " + o.department());
            }
            if (o.wards() == null || o.wards().isEmpty()) {
                problems.add("officer " + o.id() + " has no wards");
            } else {
                o.wards().stream().filter(w -> !Officer.ALL.equals(w) && !wardCodes.contains(w))
                        .forEach(w -> problems.add("officer " + o.id() + " names unknown ward " + w));
            }
        }
        if (!problems.isEmpty()) return problems;
        for (Ward w : wards) {
            for (Department d : departments) {
                for (Level l : levels) {
                    List<Officer> matches = officers.stream().filter(o -> o.covers(w.code(), d.code(), l.level())).toList();
                    if (matches.isEmpty()) {
                        problems.add("no officer for (ward " + w.code() + ", department " + d.code() + ", level " + l.level() + ")");
                    } else if (matches.size() > 1) {
                        problems.add("several officers for (ward " + w.code() + ", department " + d.code() + ", level "
                                + l.level() + "): " + matches.stream().map(Officer::id).collect(Collectors.joining(", ")));
                    }
                }
            }
        }
        return problems;
    }

    private static void duplicates(List<String> codes, String what, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (String c : codes) {
            if (blank(c)) problems.add("a " + what + " has no code");
            else if (!seen.add(c)) problems.add("duplicate " + what + " " + c);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }

    public Municipality municipality() {
        return municipality;
    }

    public List<Level> levels() {
        return levels;
    }

    public int topLevel() {
        return levels.size() - 1;
    }

    public List<Ward> wards() {
        return List.copyOf(wards.values());
    }

    public List<Department> departments() {
        return List.copyOf(departments.values());
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    public List<Officer> officers() {
        return List.copyOf(officers.values());
    }

    public Optional<Ward> ward(String code) {
        return Optional.ofNullable(code == null ? null : wards.get(code));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(code == null ? null : categories.get(code));
    }

    public Optional<Officer> officer(String id) {
        return Optional.ofNullable(id == null ? null : officers.get(id));
    }

    /** The officer responsible for (ward, department) at a level; completeness was checked at construction. */
    public Officer officerFor(String ward, String department, int level) {
        return officers.values().stream().filter(o -> o.covers(ward, department, level)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no officer for " + ward + "/" + department + "/" + level));
    }
}
