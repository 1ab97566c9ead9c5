package io.github.pcrupgrade.examples;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.event.Slf4jUpgradeListener;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.testkit.SimulatedDeployment;

/**
 * The one-call use: inspect, check, plan and execute, here against the testkit's simulated
 * deployment (virtual time), with the ready SLF4J listener logging every step.
 */
public final class OneCallUpgrade {

  public static void main(String[] args) {
    SimulatedDeployment deployment = SimulatedDeployment.builder()
        .nodes(3, 3).series("24.3").primaryBinary("v24.3.20").standbyBinary("v24.3.20")
        .reader(true)
        .build();

    PcrUpgrade upgrade = new PcrUpgrade(deployment.ports().executor()
        .listener(new Slf4jUpgradeListener())
        .build());
    RunResult result = upgrade.upgrade(UpgradeRequest.to("25.2").build());

    System.out.println(result);
    System.out.println("violations recorded by the monitor: " + deployment.monitor().violations());
  }

  private OneCallUpgrade() {}
}
