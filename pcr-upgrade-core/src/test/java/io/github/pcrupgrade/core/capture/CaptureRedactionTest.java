package io.github.pcrupgrade.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.ErrorAnswer;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redaction of a capture (issue 16): no secret left, pseudonyms consistent and distinct. */
class CaptureRedactionTest {

  private static Exchange rows(String sql, List<String> columns, List<List<String>> rows) {
    return new Exchange("system", sql, Optional.of(columns.stream()
        .map(c -> new Column(c, "text")).toList()), Optional.of(rows), Optional.empty());
  }

  private static CaptureDocument doc(List<Exchange> exchanges) {
    return new CaptureDocument(CaptureDocument.SCHEMA_VERSION, CaptureDocument.Origin.REAL,
        Instant.EPOCH, "test", false, List.of(new ClusterCapture("primary", "p",
            Map.of("crdb_version", "CockroachDB CCL v24.3.12"), exchanges)));
  }

  private static List<String> values(CaptureDocument d) {
    List<String> out = new ArrayList<>();
    for (Exchange e : d.clusters().get(0).exchanges()) {
      e.rows().ifPresent(rs -> rs.forEach(r -> out.addAll(r)));
    }
    return out;
  }

  @Test
  void distinctIdsStayDistinctAndOneIdStaysOne() {
    qt().forAll(lists().of(integers().between(0, 5)).ofSizeBetween(1, 12)).checkAssert(picks -> {
      List<UUID> pool = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        pool.add(UUID.randomUUID());
      }
      List<List<String>> rows = picks.stream().map(i -> List.of(pool.get(i).toString())).toList();
      List<String> out = values(CaptureRedaction.redact(doc(List.of(rows(
          "SELECT crdb_internal.cluster_id()", List.of("cluster_id"), rows)))));

      Map<String, String> seen = new HashMap<>();
      for (int i = 0; i < picks.size(); i++) {
        String original = pool.get(picks.get(i)).toString();
        assertThat(out.get(i)).isNotEqualTo(original);
        String before = seen.putIfAbsent(original, out.get(i));
        assertThat(before == null || before.equals(out.get(i))).as("one id, one pseudonym").isTrue();
      }
      assertThat(seen.values().stream().distinct().count()).as("distinct ids stay distinct")
          .isEqualTo(seen.size());
    });
  }

  @Test
  void noPasswordHostUriOrLicenceKeyIsLeft() {
    // a real-looking key: the organization name (field 4) is the customer's, not "synthetic"
    String synthetic0 = new Licence(LicenceType.TRIAL, Instant.parse("2027-05-01T00:00:00Z"))
        .syntheticKey();
    String proto = new String(java.util.Base64.getDecoder().decode(synthetic0.substring(
        Licence.KEY_PREFIX.length())), java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("synthetic", "acme-corp");
    String key = Licence.KEY_PREFIX + java.util.Base64.getEncoder().withoutPadding()
        .encodeToString(proto.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(key).isNotEqualTo(synthetic0);
    String uri = "postgresql://repl:s3cret@db-prod-7.internal:26257/defaultdb?sslmode=verify-full";
    CaptureDocument d = doc(List.of(
        rows("SELECT node_id, address FROM crdb_internal.gossip_nodes", List.of("node_id",
            "address"), List.of(List.of("1", "db-prod-7.internal:26257"),
            List.of("2", "10.1.2.3:26257"))),
        rows("SHOW VIRTUAL CLUSTER main WITH REPLICATION STATUS", List.of("source_cluster_uri"),
            List.of(List.of(uri))),
        rows("SHOW CLUSTER SETTING enterprise.license", List.of("enterprise.license"),
            List.of(List.of(key))),
        new Exchange("system", "SHOW x", Optional.empty(), Optional.empty(), Optional.of(
            new ErrorAnswer("08000", "node db-prod-7.internal:26257 at postgresql://u:hunter2@h"
                + " password=topsecret", Optional.empty())))));

    CaptureDocument r = CaptureRedaction.redact(d);
    String all = r.toString();

    assertThat(r.redacted()).isTrue();
    assertThat(all).doesNotContain("s3cret", "hunter2", "topsecret", "db-prod-7", "10.1.2.3",
        key);
    assertThat(values(r)).contains("host-1:26257", "host-2:26257", "redacted-uri-1");
    String synthetic = values(r).stream().filter(v -> v.startsWith(Licence.KEY_PREFIX))
        .findFirst().orElseThrow();
    assertThat(Licence.decode(synthetic)).isEqualTo(Licence.decode(key));
    assertThat(r.clusters().get(0).exchanges().get(3).error().orElseThrow().message())
        .contains("host-1:26257").contains("u:redacted@").contains("password=redacted");
  }
}
