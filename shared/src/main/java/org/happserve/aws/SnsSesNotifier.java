package org.happserve.aws;

import java.util.HashMap;
import java.util.Map;
import org.happserve.domain.Municipality;
import org.happserve.domain.Notification;
import org.happserve.ports.Notifier;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SMS through SNS Publish to a phone number (transactional, with India's DLT sender, entity and
 * template IDs), email through SES v2.
 */
public final class SnsSesNotifier implements Notifier {
    private final SnsClient sns;
    private final SesV2Client ses;
    private final String emailFrom;

    public SnsSesNotifier(SnsClient sns, SesV2Client ses, String emailFrom) {
        this.sns = sns;
        this.ses = ses;
        this.emailFrom = emailFrom;
    }

    @Override
    public String send(Notification n, Municipality m) {
        return n.medium() == Notification.Medium.SMS ? sms(n, m) : email(n);
    }

    private String sms(Notification n, Municipality m) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", text("Transactional"));
        if (m.sms() != null) {
            if (m.sms().senderId() != null) attributes.put("AWS.SNS.SMS.SenderID", text(m.sms().senderId()));
            if (m.sms().entityId() != null) attributes.put("AWS.MM.SMS.EntityId", text(m.sms().entityId()));
            String templateId = m.sms().templates() == null ? null : m.sms().templates().get(n.template());
            if (templateId != null) attributes.put("AWS.MM.SMS.TemplateId", text(templateId));
        }
        return sns.publish(r -> r.phoneNumber(n.to()).message(n.body()).messageAttributes(attributes)).messageId();
    }

    private String email(Notification n) {
        return ses.sendEmail(r -> r.fromEmailAddress(emailFrom)
                .destination(d -> d.toAddresses(n.to()))
                .content(c -> c.simple(s -> s
                        .subject(t -> t.data(n.subject()).charset("UTF-8"))
                        .body(b -> b.text(t -> t.data(n.body()).charset("UTF-8"))))))
                .messageId();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
