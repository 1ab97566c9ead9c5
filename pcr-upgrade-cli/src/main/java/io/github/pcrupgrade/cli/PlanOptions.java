package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.plan.NodeOrder;
import io.github.pcrupgrade.core.plan.PinningMethod;
import io.github.pcrupgrade.core.plan.ReaderStrategy;
import io.github.pcrupgrade.core.plan.StepEstimates;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import java.time.Duration;
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

  @Option(names = "--estimate-restart", defaultValue = "3m", paramLabel = "DURATION",
      description = "Expected time of one node restart: drain, binary swap, rejoin (default"
          + " ${DEFAULT-VALUE}, 0 to 48h).")
  String estimateRestart;

  @Option(names = "--estimate-settle", defaultValue = "60s", paramLabel = "DURATION",
      description = "Expected settle wait after each restart (default ${DEFAULT-VALUE}; apply"
          + " takes its --settle-time instead).")
  String estimateSettle;

  @Option(names = "--estimate-finalization", defaultValue = "2m", paramLabel = "DURATION",
      description = "Expected time of one VC's finalization (default ${DEFAULT-VALUE}).")
  String estimateFinalization;

  @Option(names = "--estimate-catch-up", defaultValue = "30s", paramLabel = "DURATION",
      description = "Expected time for the standby's replicated time to pass a finalization"
          + " (default ${DEFAULT-VALUE}).")
  String estimateCatchUp;

  @Option(names = "--estimate-reader", defaultValue = "1m", paramLabel = "DURATION",
      description = "Expected time from a reader VC's re-creation until it serves (default"
          + " ${DEFAULT-VALUE}).")
  String estimateReader;

  @Option(names = "--estimate-statement", defaultValue = "5s", paramLabel = "DURATION",
      description = "Expected time of a one-statement step: pin, unpin, stop, drop, create,"
          + " restore (default ${DEFAULT-VALUE}).")
  String estimateStatement;

  UpgradeRequest request() {
    return request(null);
  }

  /** The request; {@code settle}, when not null, is the settle estimate (apply's --settle-time). */
  UpgradeRequest request(Duration settle) {
    UpgradeRequest.Builder b = UpgradeRequest.to(target).pinningMethod(pinning)
        .readerStrategy(reader).allowOneWayTarget(allowOneWayTarget)
        .restoreDefaultSettings(restoreDefaultSettings).estimates(estimates(settle));
    return (nodeOrder == NodeOrder.SEEDED_RANDOM ? b.seededRandomOrder(orderSeed)
        : b.nodeOrder(nodeOrder)).build();
  }

  private StepEstimates estimates(Duration settle) {
    return new StepEstimates(estimate("--estimate-restart", estimateRestart),
        settle != null ? settle : estimate("--estimate-settle", estimateSettle),
        estimate("--estimate-finalization", estimateFinalization),
        estimate("--estimate-catch-up", estimateCatchUp),
        estimate("--estimate-reader", estimateReader),
        estimate("--estimate-statement", estimateStatement));
  }

  private static Duration estimate(String option, String value) {
    return Durations.option(option, value, Duration.ZERO, StepEstimates.MAX);
  }
}
