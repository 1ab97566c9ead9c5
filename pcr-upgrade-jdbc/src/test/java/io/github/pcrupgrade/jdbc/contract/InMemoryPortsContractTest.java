package io.github.pcrupgrade.jdbc.contract;

import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.Optional;

/** The port contract against the testkit's in-memory ports (issue 6.3 a). */
class InMemoryPortsContractTest extends ClusterPortsContract {

  @Override
  protected Target connect(SimulatedDeployment d) {
    String p = d.primary().name();
    String s = d.standby().name();
    return new Target(d.inspector(p), d.operations(p), d.inspector(s), d.operations(s), null);
  }

  @Override
  protected boolean simulated() {
    return true;
  }

  @Override
  protected Optional<Long> activity() {
    return Optional.of((long) sim.trace().size());
  }
}
