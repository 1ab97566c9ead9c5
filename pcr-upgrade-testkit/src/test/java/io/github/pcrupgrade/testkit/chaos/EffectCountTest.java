package io.github.pcrupgrade.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testkit.TraceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The effect counter on hand-written traces, in the simulation's own words. */
class EffectCountTest {

  private final List<TraceEvent> trace = new ArrayList<>();
  private static final Instant T = Instant.parse("2026-01-05T12:00:00Z");

  private void add(String cluster, String kind, String detail) {
    trace.add(new TraceEvent(trace.size(), T.plusSeconds(trace.size()), cluster, kind, detail));
  }

  private void hop(String to) {
    add("primary", "finalization", "main: finalized at " + to);
    add("standby", "service", "main-readonly stopping");
    add("standby", "vc", "main-readonly dropped (name free at once; its data is GC'd later)");
    add("standby", "vc", "main-readonly created (reader of main) at 1");
    add("standby", "vc", "main-readonly ready (service mode shared)");
  }

  @Test
  void aCleanTwoHopUpgradeHasNoExcessEffect() {
    add("standby", "node", "n1 draining (upgrade v24.3.20 -> v25.2.19)");
    add("standby", "node", "n1 draining (upgrade v25.2.19 -> v25.4.11)");
    add("primary", "finalization", "system: finalized at 25.2");
    hop("25.2");
    add("primary", "finalization", "system: finalized at 25.4");
    hop("25.4");

    assertThat(EffectCount.excess(trace, Set.of("standby/main-readonly"))).isEmpty();
  }

  @Test
  void aNodeChangedOntoTheSameBinaryTwiceIsAnExcess() {
    add("standby", "node", "n2 draining (upgrade v24.3.20 -> v25.2.19)");
    add("standby", "node", "n2 draining (roll back v25.2.19 -> v24.3.20)");
    add("standby", "node", "n2 draining (upgrade v24.3.20 -> v25.2.19)");

    assertThat(EffectCount.excess(trace, Set.of())).singleElement().asString()
        .contains("standby n2 onto v25.2.19 a second time");
  }

  @Test
  void aRestartOntoTheBinaryANodeAlreadyHasIsNotCounted() {
    // a node that died or failed to start is restarted on the binary it already has
    add("standby", "node", "n2 draining (upgrade v24.3.20 -> v25.2.19)");
    add("standby", "node", "n2 draining (upgrade v25.2.19 -> v25.2.19)");

    assertThat(EffectCount.excess(trace, Set.of())).isEmpty();
  }

  @Test
  void aFinalizationCompletedTwiceIsAnExcess() {
    add("primary", "finalization", "system: finalized at 25.2");
    add("primary", "finalization", "system: finalized at 25.2");

    assertThat(EffectCount.excess(trace, Set.of())).singleElement().asString()
        .contains("primary/system at 25.2 completed a second time");
  }

  @Test
  void aReaderStoppedTwiceWithinOneHopIsAnExcess() {
    add("primary", "finalization", "main: finalized at 25.2");
    add("standby", "service", "main-readonly stopping");
    add("standby", "service", "main-readonly stopping");

    assertThat(EffectCount.excess(trace, Set.of("standby/main-readonly"))).singleElement()
        .asString().contains("stopped 2 times within one hop");
  }

  @Test
  void aReaderDroppedInItsInitialScanMayBeCreatedOnceMore() {
    add("primary", "finalization", "main: finalized at 25.2");
    add("standby", "vc", "main-readonly dropped (name free at once)");
    add("standby", "vc", "main-readonly created (reader of main) at 1");
    add("standby", "vc", "main-readonly dropped (name free at once)"); // never ready
    add("standby", "vc", "main-readonly created (reader of main) at 2");
    add("standby", "vc", "main-readonly ready (service mode shared)");

    assertThat(EffectCount.excess(trace, Set.of("standby/main-readonly"))).isEmpty();
  }

  @Test
  void aReaderCreatedTwiceAfterBeingReadyIsAnExcess() {
    add("primary", "finalization", "main: finalized at 25.2");
    add("standby", "vc", "main-readonly dropped (name free at once)");
    add("standby", "vc", "main-readonly created (reader of main) at 1");
    add("standby", "vc", "main-readonly ready (service mode shared)");
    add("standby", "vc", "main-readonly dropped (name free at once)");
    add("standby", "vc", "main-readonly created (reader of main) at 2");

    assertThat(EffectCount.excess(trace, Set.of("standby/main-readonly"))).hasSize(2)
        .anyMatch(e -> e.contains("created 2 times"));
  }
}
