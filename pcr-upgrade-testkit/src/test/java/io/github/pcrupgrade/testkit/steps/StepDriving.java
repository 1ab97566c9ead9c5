package io.github.pcrupgrade.testkit.steps;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.StepObservation;
import io.github.pcrupgrade.core.exec.StepResult;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** What the step API tests share: a deployment, an orchestrator's loop, and observed state. */
final class StepDriving {

  static final Duration POLL = Duration.ofSeconds(5);
  /** Observations of one step before a test gives up (at POLL: many virtual hours). */
  static final int MAX_OBSERVATIONS = 20_000;

  private StepDriving() {}

  static ExecutorOptions options() {
    return ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
        .maxPollInterval(Duration.ofSeconds(5)).build();
  }

  /** 3 + 3 nodes on v24.3.20, product-default settings. */
  static SimulatedDeployment.Builder deployment() {
    return SimulatedDeployment.builder().nodes(3, 3).series("24.3").primaryBinary("v24.3.20")
        .standbyBinary("v24.3.20").seed(17);
  }

  static StepApi api(SimulatedDeployment d) {
    return d.ports().steps().options(options()).build();
  }

  /**
   * The orchestrator's loop: plan with the journal's memory, act on the plan's first step,
   * observe it until it is done (waiting on the virtual clock), and again until the plan is empty.
   *
   * @return the ids of the steps taken, in order
   */
  static List<String> drive(SimulatedDeployment d, StepApi api, Lease lease,
      UpgradeRequest request) {
    List<String> taken = new ArrayList<>();
    while (true) {
      UpgradePlan plan = api.plan(lease, request).orThrow();
      if (plan.isEmpty()) {
        return taken;
      }
      PlanStep step = plan.steps().get(0);
      StepResult acted = api.act(lease, request, plan, step.id());
      lease = acted.lease();
      awaitDone(d, api, lease, plan, step);
      taken.add(step.id());
    }
  }

  /** Observes the step until it is done, sleeping POLL of virtual time between observations. */
  static Lease awaitDone(SimulatedDeployment d, StepApi api, Lease lease, UpgradePlan plan,
      PlanStep step) {
    for (int i = 0; i < MAX_OBSERVATIONS; i++) {
      StepObservation o = api.observe(lease, plan, step.id());
      lease = o.lease();
      if (o.done()) {
        return lease;
      }
      try {
        d.scheduler().sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("step " + step.id() + " not done after " + MAX_OBSERVATIONS
        + " observations");
  }

  /** What a step could change, as text: every VC's version and settings, every node's binary. */
  static String state(SimulatedDeployment d) {
    DeploymentSnapshot s = d.trueSnapshot();
    TreeMap<String, String> out = new TreeMap<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        out.put(c.name() + "/" + vc.name(), vc.version() + " " + vc.settings() + " "
            + vc.dataState() + " " + vc.serviceMode() + " " + vc.id());
      }
      for (NodeInfo n : c.nodes()) {
        out.put(c.name() + "/n" + n.id(), n.binary() + " " + n.liveness());
      }
    }
    return out.toString();
  }

  /** The deployment's journal records of one kind. */
  static List<JournalRecord> records(SimulatedDeployment d, JournalEvent event) {
    return d.journal().history(d.deploymentId()).stream()
        .filter(r -> r.entry().event() == event).toList();
  }

  /** An inspector that presents its cluster changed by {@code change} while switched on. */
  static final class Switchable implements ClusterInspector {
    private final ClusterInspector d;
    private final UnaryOperator<ClusterSnapshot> change;
    private volatile boolean on;

    Switchable(ClusterInspector delegate, UnaryOperator<ClusterSnapshot> change) {
      this.d = delegate;
      this.change = change;
    }

    void on() {
      on = true;
    }

    @Override
    public String clusterName() {
      return d.clusterName();
    }

    @Override
    public ClusterSnapshot inspect() {
      ClusterSnapshot c = d.inspect();
      return on ? change.apply(c) : c;
    }
  }

  /** The cluster as another cluster behind the same URL would show it (another cluster id). */
  static ClusterSnapshot anotherCluster(ClusterSnapshot c) {
    return new ClusterSnapshot(c.name(), c.role(), c.nodes(), c.virtualClusters(), c.health(),
        c.observedAt(), Optional.of(UUID.nameUUIDFromBytes(c.name().getBytes(
            java.nio.charset.StandardCharsets.UTF_8))), c.licence());
  }

  static ClusterRole primary() {
    return ClusterRole.PRIMARY;
  }
}
