package io.github.pcrupgrade.examples;

import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.StepObservation;
import io.github.pcrupgrade.core.exec.StepResult;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;

/**
 * An orchestrator that drives the steps itself (a workflow engine's activities, possibly in other
 * processes hours apart) through the step API: under the deployment's lease it re-plans after
 * every step with the journal's memory, acts on the plan's first step, and observes it until it
 * is done. Here on the testkit's simulated deployment, waiting on its virtual clock.
 */
public final class OrchestratorLoop {

  public static void main(String[] args) throws InterruptedException {
    SimulatedDeployment deployment = SimulatedDeployment.builder()
        .nodes(3, 3).series("24.3").primaryBinary("v24.3.20").standbyBinary("v24.3.20")
        .reader(true).build();
    String before = deployment.trueSnapshot().primary().vc("main").orElseThrow().settings()
        .orElseThrow().toString();

    StepApi steps = deployment.ports("workflow-1").steps().build();
    UpgradeRequest request = UpgradeRequest.to("25.2").build();
    Lease lease = steps.acquireLease("workflow-1");
    while (true) {
      UpgradePlan plan = steps.plan(lease, request).orThrow(); // re-plan with the journal's memory
      if (plan.isEmpty()) {
        break; // at the target, settings restored, completion journaled
      }
      PlanStep step = plan.steps().get(0);
      StepResult acted = steps.act(lease, request, plan, step.id()); // refuses when unsafe
      System.out.println(acted.outcome() + " " + step);
      StepObservation seen = steps.observe(acted.lease(), plan, step.id());
      while (!seen.done()) {
        deployment.scheduler().sleep(Duration.ofSeconds(10)); // your engine's timer
        seen = steps.observe(seen.lease(), plan, step.id());
      }
      lease = seen.lease();
    }
    steps.releaseLease(lease);

    String primary = deployment.primary().name();
    System.out.println("primary main version: "
        + deployment.trueVersion(primary, "main").orElseThrow());
    System.out.println("main settings before: " + before + ", after: " + deployment
        .trueSnapshot().primary().vc("main").orElseThrow().settings().orElseThrow());
    System.out.println("violations recorded by the monitor: " + deployment.monitor().violations());
  }

  private OrchestratorLoop() {}
}
