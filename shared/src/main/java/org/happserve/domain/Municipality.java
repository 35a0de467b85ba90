package org.happserve.domain;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One municipality's settings. {@code sms} carries the India DLT registration: the sender ID,
 * the principal entity ID and a DLT template ID per message template.
 */
public record Municipality(String code, String prefix, String name, String nameGu, String defaultLanguage,
                           List<String> languages, String callCentre, String timeZone, Sms sms,
                           List<String> commissionerEmails) {

    public record Sms(String senderId, String entityId, Map<String, String> templates) {}

    public ZoneId zone() {
        return ZoneId.of(timeZone == null ? "Asia/Kolkata" : timeZone);
    }

    public Language language() {
        return defaultLanguage == null ? Language.EN : Language.fromCode(defaultLanguage);
    }
}
