package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.happserve.app.ComplaintActions;
import org.happserve.app.RegisterComplaints;
import org.happserve.app.Reports;
import org.happserve.aws.Adapters;
import org.happserve.aws.DynamoComplaintStore;
import org.happserve.domain.Caller;
import org.happserve.domain.Channel;
import org.happserve.domain.Complaint;
import org.happserve.domain.Registration.CitizenInput;
import org.happserve.domain.Registration.ComplaintInput;
import org.happserve.ports.ComplaintStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The export/restore procedure on moto: a municipality's table (complaints, timelines, messages,
 * counters, idempotency records, the directory) exported to JSON lines and restored into a new
 * stack's empty table is item for item the same, and the restored system reads the same complaints.
 * Also: only expendable records (idempotency keys, job markers, request counters) carry the TTL attribute.
 */
@ExtendWith(TestAws.Extension.class)
class DataExportIT {
    private static final Caller ADMIN = new Caller("admin1", Set.of(Caller.Role.ADMIN));

    @Test
    void exportThenRestoreIntoANewStackGivesTheSameData(TestAws aws, @TempDir Path dir) throws Exception {
        TestStack stack = new TestStack(aws);
        Map<String, String> env = stack.env;
        Adapters a = stack.adapters;
        MovableClock clock = stack.clock;
        ComplaintStore store = stack.store;
        RegisterComplaints register = stack.register();
        ComplaintActions actions = stack.actions();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            register.register(new RegisterComplaints.Request(ADMIN, Channel.CALL_CENTRE,
                    new CitizenInput("Citizen ગાંધી " + i, String.format("97%08d", i), i % 3 == 0 ? "c" + i + "@example.org" : null, null),
                    List.of(new ComplaintInput("W0" + (1 + i % 3), "POTHOLE", "Pothole " + i + " \u202e<script>", null, 23.2, 72.6)),
                    "complaints", "export-key-" + i)).forEach(c -> numbers.add(c.number()));
        }
        actions.close(numbers.get(0), ADMIN, "filled");
        actions.note(numbers.get(1), ADMIN, "crew sent");
        // Report snapshots (binary attributes) in the export, and a change still marked after them.
        assertThat(store.compactStats().days()).isPositive();
        actions.reopen(numbers.get(0), ADMIN, null, "sinking again");

        // A citizen's lookup counted by the request limiter: its counters are expendable too.
        a.citizenThrottle().checkAddress("203.0.113.5");
        a.citizenThrottle().checkMobile("9700000001");

        DynamoDbClient dynamo = a.dynamo();
        String source = env.get("TABLE_NAME");
        // TTL only on expendable records.
        List<Map<String, AttributeValue>> sourceItems = scan(dynamo, source);
        List<String> expiring = sourceItems.stream().filter(i -> i.containsKey("expiresAt")).map(i -> i.get("pk").s()).toList();
        assertThat(expiring).isNotEmpty().allMatch(pk -> pk.startsWith("IDEM#") || pk.startsWith("JOB#") || pk.startsWith("RATE#"));
        assertThat(expiring).filteredOn(pk -> pk.startsWith("RATE#")).hasSize(2);

        Path file = dir.resolve("gmc-export.jsonl");
        long exported = ExportData.export(dynamo, source, file);
        assertThat(exported).isEqualTo(sourceItems.size());

        Map<String, String> target = aws.freshStack();
        String restoredTable = target.get("TABLE_NAME");
        assertThat(RestoreData.restore(dynamo, file, restoredTable)).isEqualTo(exported);
        assertThat(canonical(scan(dynamo, restoredTable))).isEqualTo(canonical(sourceItems));

        // The restored table serves the same complaints and timelines through the store.
        ComplaintStore restored = new DynamoComplaintStore(dynamo, restoredTable);
        for (String n : numbers) {
            var before = store.find(n).orElseThrow();
            var after = restored.find(n).orElseThrow();
            assertThat(after.complaint()).isEqualTo(before.complaint());
            assertThat(after.timeline()).isEqualTo(before.timeline());
        }
        List<Complaint> all = restored.findAll(numbers);
        assertThat(all).hasSize(numbers.size());
        // And the same reports.
        LocalDate today = LocalDate.now(clock.withZone(stack.gmc.municipality().zone()));
        Reports.Summary reported = new Reports(store, stack.directory).summary(today.minusDays(1), today, null);
        assertThat(reported.totals().registered()).isEqualTo(numbers.size());
        assertThat(new Reports(restored, stack.directory).summary(today.minusDays(1), today, null)).isEqualTo(reported);

        // A restore never overwrites: a non-empty table is refused; a truncated file is refused.
        assertThatThrownBy(() -> RestoreData.restore(dynamo, file, restoredTable)).hasMessageContaining("not empty");
        List<String> lines = Files.readAllLines(file);
        Path truncated = dir.resolve("truncated.jsonl");
        Files.write(truncated, lines.subList(0, lines.size() - 3));
        assertThatThrownBy(() -> RestoreData.read(truncated)).hasMessageContaining("truncated");
        System.out.println("DataExportIT: " + exported + " items exported and restored, " + expiring.size() + " with TTL (all IDEM#/JOB#/RATE#)");
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamo, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private static List<String> canonical(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> ItemJson.write(i).toString()).sorted().toList();
    }
}
