package io.github.pcrupgrade.examples;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.version.ReleaseSeries;

/** Planning from a deployment written in code: pure, no cluster needed. */
public final class PlanFromCode {

  public static void main(String[] args) {
    // A 24.3 deployment: 3 + 3 nodes, the standby replicating 'main', a reader VC on the standby.
    DeploymentSnapshot snapshot = DeploymentSnapshot.builder()
        .binary("v24.3.20")
        .readerVc(true)
        .build();

    CheckResult check = Rules.builtIn().check(snapshot, ReleaseSeries.parse("25.2"));
    System.out.println(check.isClean() ? "check: clean" : "check: " + check.violations());

    PlanResult result = Planner.builtIn().plan(snapshot, UpgradeRequest.to("v25.2.4").build());
    System.out.println(result.orThrow().toText());
  }

  private PlanFromCode() {}
}
