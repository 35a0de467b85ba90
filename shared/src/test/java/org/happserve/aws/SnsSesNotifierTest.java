package org.happserve.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.happserve.domain.Language;
import org.happserve.domain.Municipality;
import org.happserve.domain.Notification;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** What goes over the wire: moto records SMS text but not attributes, so the DLT fields are checked here. */
class SnsSesNotifierTest {
    private final SnsClient sns = mock(SnsClient.class);
    private final SesV2Client ses = mock(SesV2Client.class);
    private final SnsSesNotifier notifier = new SnsSesNotifier(sns, ses, "grievance@gmc.example");
    private final Municipality gmc = new Municipality("gmc", "GMC", "Gandhinagar Municipal Corporation", null, "en",
            List.of("en", "gu"), "1800-233-2610", "Asia/Kolkata",
            new Municipality.Sms("GMCGRV", "1101000000000000001", Map.of("CITIZEN_REGISTERED", "1107000000000000011")),
            List.of());

    @Test
    @SuppressWarnings("unchecked")
    void smsIsTransactionalWithTheDltSenderEntityAndTemplate() {
        when(sns.publish(any(Consumer.class))).thenReturn(PublishResponse.builder().messageId("m-1").build());
        Notification sms = Notification.pending("GMC-2612-000001", "n1", Notification.Medium.SMS,
                Notification.Recipient.CITIZEN, "+919876543210", "CITIZEN_REGISTERED", Language.EN, null, "hello", Instant.now());

        assertThat(notifier.send(sms, gmc)).isEqualTo("m-1");

        ArgumentCaptor<Consumer<PublishRequest.Builder>> captor = ArgumentCaptor.forClass(Consumer.class);
        verify(sns).publish(captor.capture());
        PublishRequest.Builder b = PublishRequest.builder();
        captor.getValue().accept(b);
        PublishRequest r = b.build();
        assertThat(r.phoneNumber()).isEqualTo("+919876543210");
        assertThat(r.message()).isEqualTo("hello");
        assertThat(r.messageAttributes()).containsOnlyKeys("AWS.SNS.SMS.SMSType", "AWS.SNS.SMS.SenderID",
                "AWS.MM.SMS.EntityId", "AWS.MM.SMS.TemplateId");
        assertThat(r.messageAttributes().get("AWS.SNS.SMS.SMSType").stringValue()).isEqualTo("Transactional");
        assertThat(r.messageAttributes().get("AWS.SNS.SMS.SenderID").stringValue()).isEqualTo("GMCGRV");
        assertThat(r.messageAttributes().get("AWS.MM.SMS.EntityId").stringValue()).isEqualTo("1101000000000000001");
        assertThat(r.messageAttributes().get("AWS.MM.SMS.TemplateId").stringValue()).isEqualTo("1107000000000000011");
    }

    @Test
    @SuppressWarnings("unchecked")
    void emailGoesFromTheVerifiedSenderAsUtf8Text() {
        when(ses.sendEmail(any(Consumer.class))).thenReturn(SendEmailResponse.builder().messageId("e-1").build());
        Notification email = Notification.pending("GMC-2612-000001", "n2", Notification.Medium.EMAIL,
                Notification.Recipient.CITIZEN, "a@example.org", "CITIZEN_REGISTERED", Language.GU, "વિષય", "શરીર",
                Instant.now());

        assertThat(notifier.send(email, gmc)).isEqualTo("e-1");

        ArgumentCaptor<Consumer<SendEmailRequest.Builder>> captor = ArgumentCaptor.forClass(Consumer.class);
        verify(ses).sendEmail(captor.capture());
        SendEmailRequest.Builder b = SendEmailRequest.builder();
        captor.getValue().accept(b);
        SendEmailRequest r = b.build();
        assertThat(r.fromEmailAddress()).isEqualTo("grievance@gmc.example");
        assertThat(r.destination().toAddresses()).containsExactly("a@example.org");
        assertThat(r.content().simple().subject().data()).isEqualTo("વિષય");
        assertThat(r.content().simple().subject().charset()).isEqualTo("UTF-8");
        assertThat(r.content().simple().body().text().data()).isEqualTo("શરીર");
    }
}
