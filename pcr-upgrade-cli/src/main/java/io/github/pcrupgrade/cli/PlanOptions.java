package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.plan.NodeOrder;
import io.github.pcrupgrade.core.plan.PinningMethod;
import io.github.pcrupgrade.core.plan.ReaderStrategy;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import picocli.CommandLine.Option;

/** The planning options shared by plan, apply, status and simulate. */
final class PlanOptions {

  @Option(names = "--to", required = true, paramLabel = "TARGET",
      description = "Target series (25.2) or exact binary (v25.2.4).")
  String target;

  @Option(names = "--node-order", defaultValue = "BY_ID", paramLabel = "ORDER",
      description = "Order of node restarts: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  NodeOrder nodeOrder;

  @Option(names = "--order-seed", defaultValue = "0", paramLabel = "N",
      description = "Seed of the SEEDED_RANDOM node order.")
  long orderSeed;

  @Option(names = "--pinning", defaultValue = "AUTO_UPGRADE_SETTING", paramLabel = "METHOD",
      description = "How finalization is pinned: ${COMPLETION-CANDIDATES} (default"
          + " ${DEFAULT-VALUE}).")
  PinningMethod pinning;

  @Option(names = "--reader", defaultValue = "RECREATE_EACH_HOP", paramLabel = "STRATEGY",
      description = "Reader VC across hops: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  ReaderStrategy reader;

  @Option(names = "--allow-one-way-target",
      description = "Allow an alpha or development build as the target. A cluster upgraded to one"
          + " can never move to a production release; refused without this option.")
  boolean allowOneWayTarget;

  @Option(names = "--restore-default-settings",
      description = "Restore the product's default finalization settings in VCs found pinned at"
          + " rest whose original settings are unknown (otherwise they are only warned about).")
  boolean restoreDefaultSettings;

  UpgradeRequest request() {
    UpgradeRequest.Builder b = UpgradeRequest.to(target).pinningMethod(pinning)
        .readerStrategy(reader).allowOneWayTarget(allowOneWayTarget)
        .restoreDefaultSettings(restoreDefaultSettings);
    return (nodeOrder == NodeOrder.SEEDED_RANDOM ? b.seededRandomOrder(orderSeed)
        : b.nodeOrder(nodeOrder)).build();
  }
}
