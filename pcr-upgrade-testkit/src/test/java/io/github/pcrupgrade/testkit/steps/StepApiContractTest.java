package io.github.pcrupgrade.testkit.steps;

import static io.github.pcrupgrade.testkit.steps.StepDriving.api;
import static io.github.pcrupgrade.testkit.steps.StepDriving.deployment;
import static io.github.pcrupgrade.testkit.steps.StepDriving.options;
import static io.github.pcrupgrade.testkit.steps.StepDriving.records;
import static io.github.pcrupgrade.testkit.steps.StepDriving.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.StepOutcome;
import io.github.pcrupgrade.core.exec.StepRefusal;
import io.github.pcrupgrade.core.exec.StepResult;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The step API's safety contract, one refusal at a time: each test makes one guard the only
 * thing between the call and an action, and asserts the typed refusal and that nothing changed
 * on either cluster (so that removing the guard makes the test fail).
 */
class StepApiContractTest {

  private static final UpgradeRequest TO_25_2 = UpgradeRequest.to("25.2").build();

  private static PcrUpgradeException refusal(Runnable call) {
    PcrUpgradeException e = catchThrowableOfType(call::run, PcrUpgradeException.class);
    assertThat(e).as("the call was refused").isNotNull();
    return e;
  }

  private static PlanStep firstOf(UpgradePlan plan, StepKind kind) {
    return plan.steps().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void aLeaseNeverTakenIsRefusedAndNothingChanges() {
    // Given a plan made under a lease, and a lease object nobody took
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease taken = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(taken, TO_25_2).orThrow();
    api.releaseLease(taken);
    String before = state(d);
    Lease madeUp = new Lease(d.deploymentId(), "orchestrator", taken.generation() + 5,
        d.now().plusSeconds(3600));

    // When it acts on the first step with it
    PcrUpgradeException e = refusal(() -> api.act(madeUp, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then the journal's LEASE_LOST refuses it, and nothing was sent
    assertThat(e.code()).isEqualTo(CoreErrorCode.LEASE_LOST);
    assertThat(state(d)).isEqualTo(before);
    assertThat(records(d, JournalEvent.STEP_STARTED)).isEmpty();
  }

  @Test
  void anExpiredLeaseIsRefusedAndNothingChanges() throws Exception {
    // Given a plan made under a lease that then expires (hours pass on the virtual clock)
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    d.scheduler().sleep(options().leaseTtl().plusHours(2));
    String before = state(d);

    // When it acts, and when it observes
    PcrUpgradeException act = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));
    PcrUpgradeException observe = refusal(() -> api.observe(lease, plan,
        plan.steps().get(0).id()));

    // Then both are refused with LEASE_LOST and nothing was sent
    assertThat(act.code()).isEqualTo(CoreErrorCode.LEASE_LOST);
    assertThat(observe.code()).isEqualTo(CoreErrorCode.LEASE_LOST);
    assertThat(state(d)).isEqualTo(before);
    assertThat(records(d, JournalEvent.STEP_STARTED)).isEmpty();
  }

  @Test
  void aLeaseTakenOverByAnotherHolderIsRefused() throws Exception {
    // Given orchestrator A's lease expired and B took the deployment's lease
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease a = api.acquireLease("orchestrator-a");
    UpgradePlan plan = api.plan(a, TO_25_2).orThrow();
    d.scheduler().sleep(options().leaseTtl().plusSeconds(1));
    Lease b = api.acquireLease("orchestrator-b");
    String before = state(d);

    // When A acts with its old lease
    PcrUpgradeException e = refusal(() -> api.act(a, TO_25_2, plan, plan.steps().get(0).id()));

    // Then it is refused, naming B; B's lease is untouched and nothing was sent
    assertThat(e.code()).isEqualTo(CoreErrorCode.LEASE_LOST);
    assertThat(e.getMessage()).contains("orchestrator-b");
    assertThat(d.journal().currentLease(d.deploymentId()).orElseThrow().holderId())
        .isEqualTo(b.holderId());
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void anotherDeploymentsLeaseIsRefused() {
    // Given a plan, and a live lease of another deployment on the same journal
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    Lease other = d.journal().acquireLease("another-deployment", "orchestrator",
        Duration.ofMinutes(5));
    String before = state(d);

    // When it acts with the other deployment's lease
    PcrUpgradeException e = refusal(() -> api.act(other, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then it is refused as bad input, naming both deployments
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("another-deployment").contains(d.deploymentId());
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void everyCallRenewsTheLease() throws Exception {
    // Given a lease taken with the options' TTL
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Duration ttl = options().leaseTtl();
    Lease lease = api.acquireLease("orchestrator");
    Duration step = ttl.dividedBy(2);

    // When each call comes half a TTL after the previous one
    d.scheduler().sleep(step);
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    Instant afterPlan = leaseExpiry(d);
    Instant planAt = d.now();
    d.scheduler().sleep(step);
    StepResult acted = api.act(lease, TO_25_2, plan, plan.steps().get(0).id());
    Instant afterAct = leaseExpiry(d);
    Instant actAt = d.now();
    d.scheduler().sleep(step);
    Lease observed = api.observe(acted.lease(), plan, plan.steps().get(0).id()).lease();
    Instant observeAt = d.now();

    // Then each call extended the lease to a full TTL from its own time, so it never expired
    assertThat(afterPlan).isEqualTo(planAt.plus(ttl));
    assertThat(afterAct).isEqualTo(actAt.plus(ttl));
    assertThat(observed.expiresAt()).isEqualTo(observeAt.plus(ttl));
    assertThat(leaseExpiry(d)).isEqualTo(observeAt.plus(ttl));
    assertThat(acted.lease().generation()).isEqualTo(lease.generation());
  }

  private static Instant leaseExpiry(SimulatedDeployment d) {
    return d.journal().currentLease(d.deploymentId()).orElseThrow().expiresAt();
  }

  @Test
  void aStepNotInTheOrchestratorsPlanIsRefused() {
    // Given a plan to 25.2
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    String before = state(d);

    // When it acts on a step id the plan does not have
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan,
        "25.2:standby:restart:n9"));

    // Then it is refused and nothing was sent
    assertThat(e.code()).isEqualTo(StepRefusal.NOT_IN_PLAN);
    assertThat(e.getMessage()).contains("25.2:standby:restart:n9");
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void aStepNotInAFreshPlanIsRefusedNamingTheDifference() {
    // Given the orchestrator's plan for two hops, but a request for one (what the fresh plan
    // is made from): the second hop's steps are in its plan and not in a fresh one
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan twoHops = api.plan(lease, UpgradeRequest.to("25.4").build()).orThrow();
    PlanStep secondHop = twoHops.steps().stream()
        .filter(s -> s.id().startsWith("25.4:standby:restart")).findFirst().orElseThrow();
    String before = state(d);

    // When it acts on a second-hop step with the one-hop request
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, twoHops, secondHop.id()));

    // Then it is refused because the fresh plan lacks it, and nothing was sent
    assertThat(e.code()).isEqualTo(StepRefusal.NOT_IN_FRESH_PLAN);
    assertThat(e.getMessage()).contains(secondHop.id()).contains("no longer planned");
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void aStepWhosePreconditionDoesNotHoldIsRefused() {
    // Given a plan whose primary restarts need the pins and the standby's binaries first
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    PlanStep primaryRestart = plan.steps().stream()
        .filter(s -> s.id().startsWith("25.2:primary:restart")).findFirst().orElseThrow();
    String before = state(d);

    // When it acts on a primary restart first
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan, primaryRestart.id()));

    // Then the precondition refuses it, and no node was restarted
    assertThat(e.code()).isEqualTo(StepRefusal.PRECONDITION_NOT_MET);
    assertThat(e.getMessage()).contains("precondition not met")
        .contains(primaryRestart.precondition().describe());
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void aRestartIsRefusedWhileANodeIsDown() {
    // Given the pins done, and then a standby node killed
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    for (PlanStep s : plan.steps()) {
      if (s.kind() != StepKind.PIN_FINALIZATION) {
        break;
      }
      api.act(lease, TO_25_2, plan, s.id());
    }
    PlanStep restart = firstOf(plan, StepKind.RESTART_NODE);
    d.standby().killNode(3);
    String before = state(d);

    // When it acts on the first restart (whose precondition holds)
    assertThat(restart.precondition().holds(api.inspect(), api.facts())).isTrue();
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan, restart.id()));

    // Then the health gate refuses it, naming the node
    assertThat(e.code()).isEqualTo(StepRefusal.PRECONDITION_NOT_MET);
    assertThat(e.getMessage()).contains("node 3");
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void aBrokenInvariantRefusesActingAndObserving() {
    // Given a plan, then the standby seen with its system VC below the replicated app VC
    // (invariants 1 and 3)
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    StepDriving.Switchable standby = new StepDriving.Switchable(p.standbyInspector(),
        c -> c.withVc(VirtualClusterInfo.SYSTEM, v -> v.withVersion(
            VersionReading.observed(ClusterVersion.parse("24.1")))));
    StepApi api = p.steps().standby(standby, p.standbyOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    standby.on();
    String before = state(d);

    // When it acts on the first step, and observes it
    PcrUpgradeException act = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));
    PcrUpgradeException observe = refusal(() -> api.observe(lease, plan,
        plan.steps().get(0).id()));

    // Then both are refused naming the invariant, and nothing was sent
    assertThat(act.code()).isEqualTo(StepRefusal.INVARIANT_VIOLATED);
    assertThat(observe.code()).isEqualTo(StepRefusal.INVARIANT_VIOLATED);
    assertThat(act.getMessage()).contains("24.1");
    assertThat(state(d)).isEqualTo(before);
    assertThat(records(d, JournalEvent.STEP_STARTED)).isEmpty();
  }

  @Test
  void anotherClusterBehindThePrimaryUrlIsATopologyChange() {
    // Given a plan, then the primary's URL reaching another cluster (another cluster id)
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    StepDriving.Switchable primary = new StepDriving.Switchable(p.primaryInspector(),
        StepDriving::anotherCluster);
    StepApi api = p.steps().primary(primary, p.primaryOperations()).options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    primary.on();
    String before = state(d);

    // When it acts on the first step
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then it is refused as a topology change naming the cluster id, and nothing was sent
    assertThat(e.code()).isEqualTo(StepRefusal.TOPOLOGY_CHANGED);
    assertThat(e.getMessage()).contains("is now another cluster");
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void aFailoverAfterPlanningIsATopologyChangeForEveryProcess() {
    // Given a plan made by one process, then a failover of the standby's main
    SimulatedDeployment d = deployment().build();
    Lease lease = api(d).acquireLease("orchestrator");
    UpgradePlan plan = api(d).plan(lease, TO_25_2).orThrow();
    d.standby().completeReplicationToLatest("main");
    String before = state(d);

    // When a new process (a new API instance) acts on the first step
    PcrUpgradeException e = refusal(() -> api(d).act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then the topology recorded in the journal refuses it, naming the stream
    assertThat(e.code()).isEqualTo(StepRefusal.TOPOLOGY_CHANGED);
    assertThat(e.getMessage()).contains("failing over");
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void actingWithoutAPlanOfTheStepApiIsRefused() {
    // Given a plan made with the pure planner, never through the step API
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    UpgradePlan plan = io.github.pcrupgrade.core.plan.Planner.builtIn()
        .planOrThrow(api.inspect(), TO_25_2);
    Lease lease = api.acquireLease("orchestrator");
    String before = state(d);

    // When it acts on the first step
    PcrUpgradeException e = refusal(() -> api.act(lease, TO_25_2, plan,
        plan.steps().get(0).id()));

    // Then it is refused: the originals and the topology were never recorded
    assertThat(e.code()).isEqualTo(StepRefusal.NOT_PLANNED);
    assertThat(state(d)).isEqualTo(before);
  }

  @Test
  void aRequestCarryingFactsIsRefused() {
    // Given a request with a finalization "observed" by hand at the starting version (which
    // would make the planner wait for replication for nothing)
    SimulatedDeployment d = deployment().reader(true).build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradeRequest withFacts = UpgradeRequest.to("25.2").facts(ExecutionFacts.NONE
        .withFinalization(ClusterRole.PRIMARY, "main", ReleaseSeries.parse("24.3"), d.now()))
        .build();

    // When it plans with it
    PcrUpgradeException e = refusal(() -> api.plan(lease, withFacts));

    // Then it is refused as bad input, and nothing was journaled
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("facts");
    assertThat(d.journal().history(d.deploymentId())).isEmpty();
  }

  @Test
  void actingTwiceOnAStepSendsItOnce() {
    // Given a plan
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    PlanStep pin = plan.steps().get(0);
    assertThat(pin.kind()).isEqualTo(StepKind.PIN_FINALIZATION);

    // When it acts on the pin twice
    StepResult first = api.act(lease, TO_25_2, plan, pin.id());
    String afterFirst = state(d);
    StepResult second = api.act(lease, TO_25_2, plan, pin.id());

    // Then the first sent it, the second found it done and sent nothing
    assertThat(first.outcome()).isEqualTo(StepOutcome.SENT);
    assertThat(second.outcome()).isEqualTo(StepOutcome.ALREADY_DONE);
    assertThat(state(d)).isEqualTo(afterFirst);
    assertThat(records(d, JournalEvent.STEP_STARTED)).hasSize(1);
  }

  @Test
  void actingTwiceOnARestartRestartsTheNodeOnce() {
    // Given the pins done
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    for (PlanStep s : plan.steps()) {
      if (s.kind() != StepKind.PIN_FINALIZATION) {
        break;
      }
      api.act(lease, TO_25_2, plan, s.id());
    }
    PlanStep restart = firstOf(plan, StepKind.RESTART_NODE);

    // When it acts on the first restart twice, right after each other
    StepResult first = api.act(lease, TO_25_2, plan, restart.id());
    StepResult second = api.act(lease, TO_25_2, plan, restart.id());

    // Then the node upgrader was called once: the second call found the node on its binary
    assertThat(first.outcome()).isEqualTo(StepOutcome.SENT);
    assertThat(second.outcome()).isEqualTo(StepOutcome.ALREADY_DONE);
    assertThat(records(d, JournalEvent.STEP_STARTED).stream()
        .filter(r -> r.entry().stepId().equals(restart.id()))).hasSize(1);
    String cluster = d.standby().name();
    assertThat(d.trace().stream().filter(t -> t.cluster().equals(cluster)
        && t.kind().equals("node")
        && t.detail().startsWith("n" + restart.nodeId().orElseThrow() + " draining")))
        .hasSize(1);
  }

  @Test
  void aConditionIsEvaluatedOnAFreshInspectionWithTheJournalsFacts() {
    // Given a plan whose first step is a pin
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    PlanStep pin = plan.steps().get(0);

    // When its done-condition is evaluated before and after acting on it
    boolean before = api.holds(pin.done());
    api.act(lease, TO_25_2, plan, pin.id());
    boolean after = api.holds(pin.done());

    // Then it reflects the deployment as it is now; no finalization was observed yet
    assertThat(before).isFalse();
    assertThat(after).isTrue();
    assertThat(api.facts()).isEqualTo(ExecutionFacts.NONE);
  }
}
