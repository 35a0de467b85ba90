package org.happserve.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.happserve.domain.AckNumber;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Citizen;
import org.happserve.domain.Complaint;
import org.happserve.domain.ComplaintDraft;
import org.happserve.domain.Directory;
import org.happserve.domain.FieldError;
import org.happserve.domain.NewComplaint;
import org.happserve.domain.Notification;
import org.happserve.domain.Registration;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.domain.ValidationException;
import org.happserve.ports.ComplaintStore.IdempotencyKeyInUseException;
import org.happserve.ports.ComplaintStore.IdempotencyRecord;

/**
 * Registers one or more complaints for one citizen: all are valid and written together, or none
 * is. With an idempotency key, a retried request returns what the first one registered.
 */
public final class RegisterComplaints {
    private final ComplaintServices services;
    private final SafeSlaTimer timer;

    public RegisterComplaints(ComplaintServices services) {
        this.services = services;
        this.timer = new SafeSlaTimer(services.timer());
    }

    /**
     * @param complaintsPath how the request names its complaints in errors: {@code ""} for a single
     *                       complaint at the top level, {@code "complaints"} for an intake
     */
    public record Request(Caller caller, Channel channel, CitizenInput citizen, List<ComplaintInput> complaints,
                          String complaintsPath, String idempotencyKey) {}

    /** Thrown when an idempotency key is reused for a different request. */
    public static class KeyReusedException extends RuntimeException {
        public KeyReusedException() {
            super("this Idempotency-Key was already used for a different request");
        }
    }

    public List<Complaint> register(Request request) {
        Directory dir = services.directory().get();
        List<FieldError> errors = new ArrayList<>();
        Citizen citizen = Registration.citizen(request.citizen(), dir, "citizen", errors);
        List<ComplaintDraft> drafts = new ArrayList<>();
        if (request.complaints().isEmpty()) {
            errors.add(new FieldError(request.complaintsPath(), "must list at least one complaint"));
        } else if (request.complaints().size() > Registration.MAX_PER_INTAKE) {
            errors.add(new FieldError(request.complaintsPath(),
                    "at most " + Registration.MAX_PER_INTAKE + " complaints per intake"));
        }
        for (int i = 0; i < request.complaints().size() && i < Registration.MAX_PER_INTAKE; i++) {
            String path = request.complaintsPath().isEmpty() ? "" : request.complaintsPath() + "[" + i + "]";
            drafts.add(Registration.complaint(request.complaints().get(i), dir, path, errors));
        }
        if (!errors.isEmpty()) throw new ValidationException(stripLeadingDots(errors));

        String hash = request.idempotencyKey() == null ? null : hash(request.channel(), citizen, drafts);
        if (request.idempotencyKey() != null) {
            var earlier = services.store().idempotency(request.idempotencyKey());
            if (earlier.isPresent()) return replay(earlier.get(), hash);
        }

        // Millisecond precision: what the store keeps, so a replay answers exactly what was stored.
        Instant now = services.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        YearMonth month = YearMonth.from(now.atZone(dir.municipality().zone()));
        String prefix = dir.municipality().prefix();
        long first = services.store().reserveSequence("ack#" + prefix + "#" + month, drafts.size());
        List<NewComplaint> created = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            created.add(Registration.open(dir, services.messages(), AckNumber.format(prefix, month, first + i), citizen,
                    drafts.get(i), request.channel(), request.caller().actor(), now, services.timeScale()));
        }
        IdempotencyRecord idem = request.idempotencyKey() == null ? null : new IdempotencyRecord(
                request.idempotencyKey(), hash, created.stream().map(c -> c.complaint().number()).toList(), now);
        try {
            services.store().create(created, idem);
        } catch (IdempotencyKeyInUseException raced) {
            // A concurrent retry with the same key won; answer with what it registered.
            return replay(services.store().idempotency(request.idempotencyKey()).orElseThrow(() -> raced), hash);
        }
        created.forEach(c -> timer.startRound(c.complaint(), services.store()));
        List<Notification> owed = created.stream().flatMap(c -> c.notifications().stream()).toList();
        services.dispatcher().dispatch(owed);
        return created.stream().map(NewComplaint::complaint).toList();
    }

    private List<Complaint> replay(IdempotencyRecord earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) throw new KeyReusedException();
        return services.store().findAll(earlier.numbers());
    }

    private static List<FieldError> stripLeadingDots(List<FieldError> errors) {
        return errors.stream().map(e -> e.field().startsWith(".") ? new FieldError(e.field().substring(1), e.message()) : e)
                .toList();
    }

    /** Identifies a request by its validated content, so a retry matches however its JSON was laid out. */
    private static String hash(Channel channel, Citizen citizen, List<ComplaintDraft> drafts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String canonical = channel + "|" + citizen + "|" + drafts;
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
