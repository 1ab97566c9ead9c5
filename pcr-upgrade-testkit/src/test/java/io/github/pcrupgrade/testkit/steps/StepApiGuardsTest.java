package io.github.pcrupgrade.testkit.steps;

import static io.github.pcrupgrade.testkit.steps.StepDriving.api;
import static io.github.pcrupgrade.testkit.steps.StepDriving.deployment;
import static io.github.pcrupgrade.testkit.steps.StepDriving.options;
import static io.github.pcrupgrade.testkit.steps.StepDriving.records;
import static io.github.pcrupgrade.testkit.steps.StepDriving.state;
import static io.github.pcrupgrade.testkit.steps.StepApiRecordsTest.driveUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.ErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.StepObservation;
import io.github.pcrupgrade.core.exec.StepOutcome;
import io.github.pcrupgrade.core.exec.StepRefusal;
import io.github.pcrupgrade.core.exec.StepResult;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The step API's guards that stand between a call and an action or a judgement (its safety
 * contract, items 1 to 4): each test makes one guard decisive and asserts the typed refusal or
 * the promised result.
 */
class StepApiGuardsTest {

  private static final UpgradeRequest TO_25_2 = UpgradeRequest.to("25.2").build();

  private static PcrUpgradeException refusal(Runnable call) {
    PcrUpgradeException e = catchThrowableOfType(call::run, PcrUpgradeException.class);
    assertThat(e).as("the call was refused").isNotNull();
    return e;
  }

  @Test
  void aPlanRefusedIsReturnedAsDataAndNothingIsJournaled() {
    // Given a deployment on 24.3
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");

    // When it plans a downgrade to 24.1
    io.github.pcrupgrade.core.plan.PlanResult r = api.plan(lease,
        UpgradeRequest.to("24.1").build());

    // Then the refusal comes back as data, naming the downgrade, and nothing was journaled
    assertThat(r.isRefused()).isTrue();
    assertThat(r.refusal()).anySatisfy(v -> assertThat(v.code())
        .isEqualTo(io.github.pcrupgrade.core.rules.RuleCode.TARGET_IS_DOWNGRADE));
    assertThat(d.journal().history(d.deploymentId())).isEmpty();
  }

  @Test
  void actingWithARequestCarryingFactsIsRefused() {
    // Given a plan made with the request as it should be
    SimulatedDeployment d = deployment().reader(true).build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    UpgradeRequest withFacts = UpgradeRequest.to("25.2").facts(ExecutionFacts.NONE
        .withFinalization(ClusterRole.PRIMARY, "main", ReleaseSeries.parse("24.3"), d.now()))
        .build();
    String before = state(d);

    // When it acts on the first step with a request carrying a finalization "observed" by hand
    PcrUpgradeException e = refusal(() -> api.act(lease, withFacts, plan,
        plan.steps().get(0).id()));

    // Then it is refused as bad input, and nothing was sent
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("facts");
    assertThat(state(d)).isEqualTo(before);
    assertThat(records(d, JournalEvent.STEP_STARTED)).isEmpty();
  }

  @Test
  void observingWithoutAPlanOfTheStepApiIsRefused() {
    // Given a plan made with the pure planner, never through the step API, and its first step
    // done by hand (its done-condition holds)
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    UpgradePlan plan = io.github.pcrupgrade.core.plan.Planner.builtIn()
        .planOrThrow(api.inspect(), TO_25_2);
    PlanStep first = plan.steps().get(0);
    Lease lease = api.acquireLease("orchestrator");

    // When it observes that step
    PcrUpgradeException e = refusal(() -> api.observe(lease, plan, first.id()));

    // Then it is refused: the topology was never recorded, so nothing can be judged done
    assertThat(e.code()).isEqualTo(StepRefusal.NOT_PLANNED);
    assertThat(records(d, JournalEvent.STEP_DONE)).isEmpty();
  }

  @Test
  void observingAStepNotInThePlanPassedIsRefused() {
    // Given a plan to 25.2
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();

    // When it observes a step id the plan does not have
    PcrUpgradeException e = refusal(() -> api.observe(lease, plan, "25.2:standby:restart:n9"));

    // Then it is refused naming the id, and nothing was judged done
    assertThat(e.code()).isEqualTo(StepRefusal.NOT_IN_PLAN);
    assertThat(e.getMessage()).contains("25.2:standby:restart:n9");
    assertThat(records(d, JournalEvent.STEP_DONE)).isEmpty();
  }

  @Test
  void anObservationOfARestartNotDoneNamesTheNodesState() {
    // Given a plan, then standby node 3 dead
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    PlanStep restart = plan.steps().stream().filter(s -> s.kind() == StepKind.RESTART_NODE
        && s.cluster() == ClusterRole.STANDBY && s.nodeId().equals(Optional.of(3)))
        .findFirst().orElseThrow();
    d.standby().killNode(3);

    // When its restart is observed
    StepObservation o = api.observe(lease, plan, restart.id());

    // Then it is not done, and what is awaited names the node, its liveness and binary
    assertThat(o.done()).isFalse();
    assertThat(o.awaited()).startsWith(restart.done().describe())
        .endsWith(" (node 3 is " + Liveness.DEAD + " on " + d.standby().nodeBinary(3) + ")");
  }

  @Test
  void theTwoClustersBeingOneClusterRefusesActing() {
    // Given a plan, then the primary's URL reaching the standby cluster (its cluster id)
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    java.util.UUID standbyId = d.snapshot().standby().clusterId().orElseThrow();
    StepDriving.Switchable primary = new StepDriving.Switchable(p.primaryInspector(),
        c -> c.withClusterId(standbyId));
    StepApi api = p.steps().primary(primary, p.primaryOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    primary.on();
    String before = state(d);

    // When it acts on the first step
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then the identity check refuses it as a broken invariant, and nothing was sent
    assertThat(e.code()).isEqualTo(StepRefusal.INVARIANT_VIOLATED);
    assertThat(e.getMessage()).contains("are one cluster");
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void aReaderVcWithoutItsReplicatingVcRefusesActing() {
    // Given a plan, then the standby seen with a reader VC that belongs to no replicating VC
    SimulatedDeployment d = deployment().reader(true).build();
    Ports p = d.ports();
    StepDriving.Switchable standby = new StepDriving.Switchable(p.standbyInspector(),
        c -> c.withAddedVc(orphan(c.virtualClusters())));
    StepApi api = p.steps().standby(standby, p.standbyOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    standby.on();
    String before = state(d);

    // When it acts on the first step
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then the snapshot's own inconsistency refuses it, naming the VC, and nothing was sent
    assertThat(e.code()).isEqualTo(StepRefusal.INVARIANT_VIOLATED);
    assertThat(e.getMessage()).contains("'orphan-readonly' but no replicating VC 'orphan'");
    assertThat(state(d)).isEqualTo(before);
  }

  private static VirtualClusterInfo orphan(List<VirtualClusterInfo> vcs) {
    VirtualClusterInfo reader = vcs.stream().filter(v -> v.kind() == VcKind.READER).findFirst()
        .orElseThrow();
    return new VirtualClusterInfo(reader.id() + 100, "orphan-readonly", VcKind.READER,
        reader.dataState(), reader.serviceMode(), reader.version(), reader.settings(),
        reader.replication());
  }

  @Test
  void aReaderVcDroppedOutsideTheApiIsATopologyChange() {
    // Given a plan, its first pin sent, then the standby's reader VC gone without a reader step
    SimulatedDeployment d = deployment().reader(true).build();
    Ports p = d.ports();
    String reader = VirtualClusterInfo.readerNameFor("main");
    StepDriving.Switchable standby = new StepDriving.Switchable(p.standbyInspector(),
        c -> c.withoutVc(reader));
    StepApi api = p.steps().standby(standby, p.standbyOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    assertThat(api.act(lease, TO_25_2, plan, plan.steps().get(0).id()).outcome())
        .isEqualTo(StepOutcome.SENT);
    standby.on();
    String before = state(d);

    // When it acts on the next step
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(1).id()));

    // Then it is refused as a topology change, and nothing was sent
    assertThat(e.code()).isEqualTo(StepRefusal.TOPOLOGY_CHANGED);
    assertThat(e.getMessage()).contains(reader);
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void afterTheApisOwnReaderStepsTheNewReaderIsGuardedAgain() {
    // Given the API's own reader drop and re-creation done
    SimulatedDeployment d = deployment().reader(true).build();
    Ports p = d.ports();
    String reader = VirtualClusterInfo.readerNameFor("main");
    StepDriving.Switchable standby = new StepDriving.Switchable(p.standbyInspector(),
        c -> c.withoutVc(reader));
    StepApi api = p.steps().standby(standby, p.standbyOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2,
        s -> s.kind() == StepKind.CREATE_READER);
    PlanStep create = plan.steps().get(0);
    api.act(lease, TO_25_2, plan, create.id());
    StepDriving.awaitDone(d, api, lease, plan, create);
    UpgradePlan next = api.plan(lease, TO_25_2).orThrow();

    // When the re-created reader VC is gone without a reader step, and the orchestrator plans
    standby.on();
    PcrUpgradeException e = refusal(() -> api.plan(lease, TO_25_2));

    // Then the readers recorded after its own steps are compared again: a topology change
    assertThat(next.isEmpty()).isFalse();
    assertThat(e.code()).isEqualTo(StepRefusal.TOPOLOGY_CHANGED);
    assertThat(e.getMessage()).contains(reader);
  }

  @Test
  void aLongPortCallKeepsTheLeaseAlive() {
    // Given the primary's main finalization taking 10 minutes inside its statement, twice the
    // lease's TTL
    SimulatedDeployment d = deployment().finalizationDuration("primary", "main",
        Duration.ofMinutes(10)).build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2, StepApiGuardsTest::primaryMainFinalize);
    PlanStep finalize = plan.steps().get(0);

    // When it acts on the finalization
    java.time.Instant sentAt = d.now();
    StepResult r = api.act(lease, TO_25_2, plan, finalize.id());

    // Then the call returned after the statement, and the lease was renewed meanwhile: it is
    // still the orchestrator's and outlives the call
    assertThat(r.outcome()).isEqualTo(StepOutcome.SENT);
    assertThat(d.now()).isAfter(sentAt.plus(Duration.ofMinutes(9)));
    assertThat(r.lease().expiresAt()).isAfter(d.now());
    Lease held = d.journal().currentLease(d.deploymentId()).orElseThrow();
    assertThat(held.holderId()).isEqualTo("orchestrator");
    assertThat(held.expiresAt()).isAfter(d.now());
  }

  @Test
  void aPortCallPastItsBoundIsAbandonedAndItsOutcomeJournaledUnknown() {
    // Given a 10-minute finalization statement and a finalization timeout of 2 minutes
    SimulatedDeployment d = deployment().finalizationDuration("primary", "main",
        Duration.ofMinutes(10)).build();
    StepApi api = d.ports().steps().options(io.github.pcrupgrade.core.exec.ExecutorOptions
        .builder().pollInterval(Duration.ofSeconds(1)).maxPollInterval(Duration.ofSeconds(5))
        .finalizationTimeout(Duration.ofMinutes(2)).build()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2, StepApiGuardsTest::primaryMainFinalize);
    PlanStep finalize = plan.steps().get(0);

    // When it acts on the finalization
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan, finalize.id()));

    // Then the call is abandoned at its bound, refused OUTCOME_UNKNOWN and journaled so
    assertThat(e.code()).isEqualTo(StepRefusal.OUTCOME_UNKNOWN);
    assertThat(records(d, JournalEvent.STEP_OUTCOME_UNKNOWN).stream()
        .map(r -> r.entry().stepId())).containsExactly(finalize.id());

    // And acting again while main is part-way to 25.2 sends nothing: the step is under way
    assertThat(api.act(lease, TO_25_2, plan, finalize.id()).outcome())
        .isEqualTo(StepOutcome.UNDER_WAY);
    assertThat(records(d, JournalEvent.STEP_STARTED).stream()
        .filter(r -> r.entry().stepId().equals(finalize.id()))).hasSize(1);
  }

  @Test
  void actRenewsTheLeaseRightBeforeSending() {
    // Given an inspection of the primary that takes 8 seconds (under the heartbeat interval)
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    io.github.pcrupgrade.core.spi.ClusterInspector slow =
        new io.github.pcrupgrade.core.spi.ClusterInspector() {
          @Override
          public String clusterName() {
            return p.primaryInspector().clusterName();
          }

          @Override
          public io.github.pcrupgrade.core.model.ClusterSnapshot inspect() {
            try {
              d.scheduler().sleep(Duration.ofSeconds(8));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new AssertionError(e);
            }
            return p.primaryInspector().inspect();
          }
        };
    StepApi api = p.steps().primary(slow, p.primaryOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    java.time.Instant calledAt = d.now();

    // When it acts on the first step
    StepResult r = api.act(lease, TO_25_2, plan, plan.steps().get(0).id());

    // Then the lease runs a full TTL from the moment the action was sent, after the inspection
    assertThat(r.outcome()).isEqualTo(StepOutcome.SENT);
    assertThat(d.now()).isAfterOrEqualTo(calledAt.plusSeconds(8));
    assertThat(r.lease().expiresAt()).isEqualTo(d.now().plus(options().leaseTtl()));
  }

  private static boolean primaryMainFinalize(PlanStep s) {
    return s.kind() == StepKind.FINALIZE_VC && s.cluster() == ClusterRole.PRIMARY
        && s.virtualCluster().equals(Optional.of("main"));
  }

  /** Operations whose {@code method} takes effect and then fails with {@code code}. */
  private static ClusterOperations failAfterEffect(ClusterOperations real, String method,
      ErrorCode code, AtomicInteger fired) {
    return (ClusterOperations) Proxy.newProxyInstance(ClusterOperations.class.getClassLoader(),
        new Class<?>[] {ClusterOperations.class}, (proxy, m, args) -> {
          Object out;
          try {
            out = m.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (m.getName().equals(method)) {
            fired.incrementAndGet();
            throw new PcrUpgradeException(code, method + " failed after it took effect"
                + " (injected)");
          }
          return out;
        });
  }

  /** Acts on a reader step through operations whose statement takes effect, then fails. */
  private static Runnable actedWithFailure(StepKind kind, String method, ErrorCode code,
      AtomicInteger fired, java.util.function.Consumer<StepResult> result) {
    SimulatedDeployment d = deployment().reader(true).build();
    Ports p = d.ports();
    StepApi api = p.steps().standby(p.standbyInspector(),
        failAfterEffect(p.standbyOperations(), method, code, fired)).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2, s -> s.kind() == kind);
    return () -> result.accept(api.act(lease, TO_25_2, plan, plan.steps().get(0).id()));
  }

  @Test
  void aProductErrorFromAnActionThatTookEffectIsJudgedFromTheDeployment() {
    for (StepKind kind : List.of(StepKind.DROP_READER, StepKind.CREATE_READER)) {
      // Given a reader drop (a creation) whose statement takes effect and then fails with the
      // product's error
      AtomicInteger fired = new AtomicInteger();
      StepResult[] got = new StepResult[1];
      Runnable act = actedWithFailure(kind, kind == StepKind.DROP_READER ? "dropVirtualCluster"
          : "createReaderVirtualCluster", CoreErrorCode.PORT_FAILURE, fired, r -> got[0] = r);

      // When it acts on the step
      act.run();

      // Then the failure is judged against a fresh inspection, which shows the action took
      // effect: the step was sent (ClusterOperations: the caller judges the product's error)
      assertThat(fired.get()).as("the injected failure fired").isEqualTo(1);
      assertThat(got[0].outcome()).as(kind.toString()).isEqualTo(StepOutcome.SENT);
    }
  }

  @Test
  void transientLeaseAndRefusalErrorsPropagateEvenWhenTheActionTookEffect() {
    for (ErrorCode code : List.of(CoreErrorCode.TRANSIENT, CoreErrorCode.LEASE_LOST,
        StepRefusal.OUTCOME_UNKNOWN)) {
      // Given a reader drop whose statement takes effect and then fails with the code
      AtomicInteger fired = new AtomicInteger();
      Runnable act = actedWithFailure(StepKind.DROP_READER, "dropVirtualCluster", code, fired,
          r -> { });

      // When it acts on the drop
      PcrUpgradeException e = refusal(act);

      // Then the error reaches the orchestrator as thrown (its to retry, or to stop)
      assertThat(fired.get()).as("the injected failure fired").isEqualTo(1);
      assertThat(e.code()).as(code.toString()).isEqualTo(code);
    }
  }
}
