package org.happserve.domain;

import java.time.Duration;
import java.util.List;

/**
 * A kind of problem, owned by one department, with its SLA in hours: {@code slaHoursByLevel}
 * gives one per escalation level where they differ, {@code slaHours} applies otherwise.
 */
public record Category(String code, String name, String nameGu, String department, int slaHours,
                       List<Integer> slaHoursByLevel) {

    public int slaHoursAt(int level) {
        if (slaHoursByLevel != null && !slaHoursByLevel.isEmpty()) {
            return slaHoursByLevel.get(Math.min(level, slaHoursByLevel.size() - 1));
        }
        return slaHours;
    }

    /** The time allowed at a level, divided by the time scale (1 in production; larger in demos and tests). */
    public Duration slaAt(int level, double timeScale) {
        long millis = Math.round(Duration.ofHours(slaHoursAt(level)).toMillis() / timeScale);
        return Duration.ofMillis(Math.max(1, millis));
    }

    public String name(Language language) {
        return language == Language.GU && nameGu != null ? nameGu : name;
    }
}
