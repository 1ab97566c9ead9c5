package io.github.pcrupgrade.testkit.steps;

import static io.github.pcrupgrade.testkit.steps.StepApiRecordsTest.driveUntil;
import static io.github.pcrupgrade.testkit.steps.StepDriving.api;
import static io.github.pcrupgrade.testkit.steps.StepDriving.deployment;
import static io.github.pcrupgrade.testkit.steps.StepDriving.options;
import static io.github.pcrupgrade.testkit.steps.StepDriving.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.StepOutcome;
import io.github.pcrupgrade.core.exec.StepRefusal;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What acting on a step sends, through the step API (the one implementation the executor shares):
 * which setting calls a restore and an unpin make, when the health gate applies and what it
 * refuses.
 */
class StepApiActionsTest {

  private static final UpgradeRequest TO_25_2 = UpgradeRequest.to("25.2").build();
  private static final String PRESERVE = PinSetting.PRESERVE_DOWNGRADE_OPTION.settingName();
  private static final String AUTO = PinSetting.AUTO_UPGRADE_ENABLED.settingName();

  /** Operations that record each mutating call as text, then make it. */
  private static ClusterOperations recording(ClusterOperations real, List<String> calls) {
    return (ClusterOperations) Proxy.newProxyInstance(ClusterOperations.class.getClassLoader(),
        new Class<?>[] {ClusterOperations.class}, (proxy, m, args) -> {
          if (m.getName().startsWith("set") || m.getName().startsWith("reset")) {
            calls.add(m.getName() + Arrays.toString(args));
          }
          try {
            return m.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static PcrUpgradeException refusal(Runnable call) {
    PcrUpgradeException e = catchThrowableOfType(call::run, PcrUpgradeException.class);
    assertThat(e).as("the call was refused").isNotNull();
    return e;
  }

  @Test
  void aRestoreSendsOnlyTheSettingsThatDifferFromTheOriginals() {
    // Given the upgrade taken up to its restores, then the primary's system VC given
    // auto-upgrade back and a preserved version by hand (its original: auto on, nothing kept)
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    StepApi api = p.steps().primary(p.primaryInspector(), recording(p.primaryOperations(), calls))
        .options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2,
        s -> s.kind() == StepKind.RESTORE_SETTINGS);
    d.primary().setClusterSetting("system", AUTO, "true");
    d.primary().setClusterSetting("system", PRESERVE, "25.2");
    PlanStep system = plan.step("restore:primary:system").orElseThrow();
    PlanStep main = plan.step("restore:primary:main").orElseThrow();
    assertThat(system.restoreTo()).contains(FinalizationSettings.PRODUCT_DEFAULTS);
    assertThat(main.restoreTo()).contains(FinalizationSettings.PRODUCT_DEFAULTS);
    calls.clear();

    // When it acts on the restores of system and of main (auto-upgrade still pinned off)
    api.act(lease, TO_25_2, plan, system.id());
    List<String> systemCalls = List.copyOf(calls);
    calls.clear();
    api.act(lease, TO_25_2, plan, main.id());

    // Then system's preserved version is reset and nothing else sent; main's auto-upgrade is
    // set back on and its preserve option, already unset, left alone
    assertThat(systemCalls).containsExactly("resetFinalizationSetting[system, "
        + PinSetting.PRESERVE_DOWNGRADE_OPTION + "]");
    assertThat(calls).containsExactly("setFinalizationSetting[main, "
        + PinSetting.AUTO_UPGRADE_ENABLED + ", true]");
    assertThat(d.primary().showClusterSetting("system", PRESERVE)).isEmpty();
    assertThat(d.primary().showClusterSetting("main", AUTO)).isEqualTo("true");
  }

  @Test
  void anUnpinResetsThePreservedVersion() {
    // Given the primary's main VC with a preserved version found at the start (so the plan
    // resets it before main is finalized)
    SimulatedDeployment d = deployment()
        .settings("primary", "main", new FinalizationSettings(true, "24.3")).build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2,
        s -> s.kind() == StepKind.UNPIN_FINALIZATION);
    PlanStep unpin = plan.steps().get(0);
    assertThat(unpin.id()).isEqualTo("25.2:primary:unpin:main");
    assertThat(d.primary().showClusterSetting("main", PRESERVE)).isEqualTo("24.3");

    // When it acts on the unpin
    assertThat(api.act(lease, TO_25_2, plan, unpin.id()).outcome())
        .isEqualTo(StepOutcome.SENT);

    // Then the setting is reset
    assertThat(d.primary().showClusterSetting("main", PRESERVE)).isEmpty();
  }

  @Test
  void aPinIsSentWhileANodeIsDown() {
    // Given a plan, then standby node 3 dead
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    PlanStep pin = plan.steps().get(0);
    assertThat(pin.kind()).isEqualTo(StepKind.PIN_FINALIZATION);
    d.standby().killNode(3);

    // When it acts on the first pin
    // Then it is sent: the health gate is for restarts, rollbacks and finalizations only
    assertThat(api.act(lease, TO_25_2, plan, pin.id()).outcome()).isEqualTo(StepOutcome.SENT);
    assertThat(api.holds(pin.done())).isTrue();
  }

  @Test
  void theHealthGateNamesADrainingNode() {
    // Given the pins done, then standby node 2 seen live but draining
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    StepDriving.Switchable standby = new StepDriving.Switchable(p.standbyInspector(),
        c -> c.withNode(c.node(2).orElseThrow().withLiveness(Liveness.LIVE, true)));
    StepApi api = p.steps().standby(standby, p.standbyOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2,
        s -> s.kind() == StepKind.RESTART_NODE);
    standby.on();
    String before = state(d);

    // When it acts on the first restart
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then the gate refuses it, naming the node as draining
    assertThat(e.code()).isEqualTo(StepRefusal.PRECONDITION_NOT_MET);
    assertThat(e.getMessage()).contains("'" + d.standby().name() + "' node 2 is "
        + Liveness.LIVE + " and draining");
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void theHealthGateAllowsReplicationLagUpToItsBound() {
    // Given the pins done, and the standby's lag seen at first one second over the bound
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    Duration bound = options().maxReplicationLag();
    AtomicReference<Duration> lag = new AtomicReference<>(bound.plusSeconds(1));
    StepDriving.Switchable standby = new StepDriving.Switchable(p.standbyInspector(),
        c -> withLag(c, lag.get()));
    StepApi api = p.steps().standby(standby, p.standbyOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2,
        s -> s.kind() == StepKind.RESTART_NODE);
    String restart = plan.steps().get(0).id();
    standby.on();

    // When it acts on the first restart over the bound, then at it
    PcrUpgradeException over = refusal(() -> api.act(lease, TO_25_2, plan, restart));
    lag.set(bound);
    StepOutcome at = api.act(lease, TO_25_2, plan, restart).outcome();

    // Then a lag over the bound is refused, a lag at it is not
    assertThat(over.code()).isEqualTo(StepRefusal.PRECONDITION_NOT_MET);
    assertThat(over.getMessage()).contains("replication lag " + bound.plusSeconds(1)
        + " exceeds " + bound);
    assertThat(at).isEqualTo(StepOutcome.SENT);
  }

  private static ClusterSnapshot withLag(ClusterSnapshot c, Duration lag) {
    return c.withVc("main", v -> v.withReplication(v.replication().map(r -> new ReplicationInfo(
        r.sourceVirtualCluster(), r.state(), r.rawStatus(), r.replicatedTime(),
        r.retainedTime(), Optional.of(lag), r.jobId()))));
  }
}
