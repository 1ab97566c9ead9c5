package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void leasesExpireByTheVirtualClock() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    InMemoryUpgradeJournal j = d.journal();
    Lease a = j.acquireLease("simulated-pcr", "a", Duration.ofMinutes(1));

    PcrUpgradeException held = catchThrowableOfType(
        () -> j.acquireLease("simulated-pcr", "b", Duration.ofMinutes(1)), PcrUpgradeException.class);
    assertThat(held.code()).isEqualTo(CoreErrorCode.LEASE_HELD);
    assertThat(held.getMessage()).contains("'a'");

    d.advance(Duration.ofMinutes(2));
    Lease b = j.acquireLease("simulated-pcr", "b", Duration.ofMinutes(1));
    assertThat(b.generation()).isEqualTo(a.generation() + 1);
    PcrUpgradeException lost = catchThrowableOfType(() -> j.renewLease(a, Duration.ofMinutes(1)),
        PcrUpgradeException.class);
    assertThat(lost.code()).isEqualTo(CoreErrorCode.LEASE_LOST);
    assertThat(j.renewLease(b, Duration.ofMinutes(5)).expiresAt())
        .isEqualTo(d.now().plus(Duration.ofMinutes(5)));
  }

  @Test
  void appendsAreStampedWithVirtualTimeInOrder() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.journal().append(new JournalEntry("simulated-pcr", "r1", "p1", "", JournalEvent.RUN_STARTED,
        "start"));
    d.advance(Duration.ofSeconds(7));
    d.journal().append(new JournalEntry("simulated-pcr", "r1", "p1", "s1", JournalEvent.STEP_DONE,
        "done"));

    assertThat(d.journal().history("simulated-pcr")).extracting(r -> r.sequence())
        .containsExactly(1L, 2L);
    assertThat(d.journal().history("simulated-pcr").get(1).at())
        .isEqualTo(SimulatedDeployment.DEFAULT_START.plusSeconds(7));
  }

  @Test
  void aHolderActingWithoutTheLeaseIsRecorded() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    Ports a = d.ports("executor-a");
    Ports b = d.ports("executor-b");
    d.journal().acquireLease("simulated-pcr", "executor-a", Duration.ofMinutes(1));

    a.primaryOperations().setFinalizationSetting("system",
        PinSetting.AUTO_UPGRADE_ENABLED, "false");
    assertThat(d.monitor().violations()).isEmpty();
    b.primaryOperations().setFinalizationSetting("main",
        PinSetting.AUTO_UPGRADE_ENABLED, "false");

    assertThat(d.monitor().violations()).singleElement()
        .satisfies(v -> assertThat(v.kind()).isEqualTo(MonitorViolation.Kind.ACTED_WITHOUT_LEASE));
  }

  @Test
  void theApprovalGateIsConfigurableAndRecordsRequests() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    io.github.pcrupgrade.core.spi.ApprovalGate.Request r =
        new io.github.pcrupgrade.core.spi.ApprovalGate.Request("simulated-pcr", "s1", "primary",
            "system", "finalize");

    assertThat(d.approvalGate().decide(r))
        .isEqualTo(io.github.pcrupgrade.core.spi.ApprovalGate.Decision.APPROVED);
    d.approvalGate().answer(io.github.pcrupgrade.core.spi.ApprovalGate.Decision.NOT_NOW);
    assertThat(d.approvalGate().decide(r))
        .isEqualTo(io.github.pcrupgrade.core.spi.ApprovalGate.Decision.NOT_NOW);
    assertThat(d.approvalGate().requests()).hasSize(2);
  }
}
