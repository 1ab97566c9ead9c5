package io.github.pcrupgrade.core.exec;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.testsupport.Gens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The topology the step API records in the journal reads back as it was written, whatever the
 * names (including every separator the format uses), and only the latest fact since the last
 * completed run counts.
 */
class TopologyFactProperties {

  /** Names with the format's separators, escapes and non-ASCII letters made likely. */
  private static final Gen<String> NAMES =
      Gens.strings(Gens.charsOf("ab-_.,;:=/%+ \u00e9\u65e5"), 1, 8);

  private static final Gen<Topology.Side> SIDES = NAMES.zip(lists().of(NAMES).ofSizeBetween(0, 3),
      lists().of(integers().between(1, 9)).ofSizeBetween(0, 4),
      (name, vcs, members) -> new Topology.Side(name,
          members.isEmpty() ? Optional.empty()
              : Optional.of(UUID.nameUUIDFromBytes(name.getBytes(
                  java.nio.charset.StandardCharsets.UTF_8))),
          new TreeSet<>(members), ids(vcs, 10), new TreeSet<>(vcs),
          vcs.isEmpty() ? Optional.empty() : Optional.of(new Topology.Stream(vcs.get(0), name,
              members.isEmpty() ? Optional.empty() : Optional.of((long) members.get(0)),
              members.size() % 2 == 0)),
          ids(vcs.stream().map(v -> v + "-readonly").toList(), 20)));

  private static TreeMap<String, Long> ids(List<String> names, long base) {
    TreeMap<String, Long> m = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), base + i);
    }
    return m;
  }

  private static JournalRecord fact(long seq, String detail, JournalEvent event) {
    return new JournalRecord(seq, Instant.EPOCH, new JournalEntry("d", "r", "p", "", event,
        detail));
  }

  @Test
  void aRecordedTopologyReadsBackAsItWas() {
    qt(300).forAll(SIDES, SIDES).checkAssert((a, b) -> {
      Topology t = new Topology(List.of(a, b));

      Optional<TopologyFact.Recorded> read = TopologyFact.latest(
          List.of(fact(1, TopologyFact.of(t), JournalEvent.FACT)));

      assertThat(read).map(TopologyFact.Recorded::topology).contains(t);
      assertThat(read.orElseThrow().topology().changesTo(t, false)).isEmpty();
    });
  }

  @Test
  void theLatestTopologySinceTheLastCompletedRunCounts() {
    qt(100).forAll(SIDES, SIDES, booleans().all()).checkAssert((a, b, completed) -> {
      Topology first = new Topology(List.of(a, b));
      Topology second = new Topology(List.of(b, a));
      List<JournalRecord> history = List.of(
          fact(1, TopologyFact.of(first), JournalEvent.FACT),
          fact(2, TopologyFact.of(second), JournalEvent.FACT),
          fact(3, "done", completed ? JournalEvent.RUN_COMPLETED : JournalEvent.STEP_DONE));

      Optional<TopologyFact.Recorded> read = TopologyFact.latest(history);

      if (completed) {
        assertThat(read).isEmpty();
      } else {
        assertThat(read.orElseThrow().topology()).isEqualTo(second);
        assertThat(read.orElseThrow().index()).isEqualTo(1);
      }
    });
  }

  @Test
  void anUnreadableTopologyCountsAsNone() {
    assertThat(TopologyFact.latest(List.of(fact(1, "topology x,y", JournalEvent.FACT))))
        .isEmpty();
  }
}
