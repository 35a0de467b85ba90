package org.happserve.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.happserve.http.Json;

/**
 * The SMS and email moto recorded (SNS Publish to phone numbers, SES SendEmail), as
 * {@code GET /local/outbox} shows them: {@code {sms:[{to,message,sentAt}], email:[{to,subject,body,sentAt}]}}.
 */
public final class MotoOutbox {
    private MotoOutbox() {}

    public static ObjectNode read(HttpClient http, URI moto) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(moto + "/moto-api/data.json")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode data = Json.MAPPER.readTree(r.body());
        ObjectNode out = Json.object();
        ArrayNode sms = out.putArray("sms");
        for (JsonNode m : data.path("sns").path("SMS")) {
            sms.addObject().put("to", m.path("phone_number").asText()).put("message", m.path("message").asText())
                    .put("sentAt", m.path("sent_at").asText());
        }
        ArrayNode email = out.putArray("email");
        for (JsonNode m : data.path("ses").path("Message")) {
            JsonNode d = m.path("destinations");
            List<String> to = new ArrayList<>();
            (d.isArray() ? d : d.path("ToAddresses")).forEach(x -> to.add(x.asText()));
            email.addObject().put("to", String.join(",", to)).put("subject", m.path("subject").asText())
                    .put("body", m.path("body").asText()).put("sentAt", m.path("sent_at").asText());
        }
        return out;
    }
}
