package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.rules.PinnedSettings;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to plan: the target and the options. Build one with {@link #toSeries}, {@link #toBinary}
 * or {@link #to(String)}; the built request is immutable.
 *
 * <p>The target is either a release series (the plan leaves the choice of patch to the host's
 * node upgrader, and says so in each restart step: the latest patch is never guessed) or an exact
 * binary (every node ends on exactly it; a binary of the current series makes a patch upgrade).
 *
 * @param target the series or exact binary to end on
 * @param nodeOrder the order of node restarts within a cluster (default BY_ID)
 * @param seed the seed of {@link NodeOrder#SEEDED_RANDOM} (default 0)
 * @param pinningMethod how auto-finalization is pinned (default AUTO_UPGRADE_SETTING)
 * @param readerStrategy what happens to the reader VC across hops (default RECREATE_EACH_HOP)
 * @param originalSettings the finalization settings per (cluster, VC) found before the upgrade
 *     began, restored at the end; the executor records them on its first run and passes them
 *     when it re-plans. Empty: the snapshot's current settings are taken as the originals (the
 *     restore steps say so)
 * @param originalReaderVcs the standby's reader VCs found before the upgrade began, so that a
 *     reader dropped by an interrupted run is still re-created; empty: the snapshot's readers
 * @param facts what the executor recorded so far (see {@link ExecutionFacts}); NONE for a fresh
 *     plan
 * @param allowOneWayTarget true to allow an alpha or development build as the target, which a
 *     cluster can never leave for a production release (crdb-upgrade-facts 1.1); default false:
 *     such a target is refused ({@code TARGET_ONE_WAY})
 * @param restoreDefaultSettings true to restore the product's default finalization settings in
 *     VCs found pinned at rest when no original settings are known ({@code
 *     SETTINGS_PINNED_AT_REST}), and in VCs whose known original is itself a pin; default false:
 *     they are only reported
 * @param estimates how long each kind of step is expected to take, for the steps' estimates and
 *     the plan's total (default {@link StepEstimates#defaults()})
 */
public record UpgradeRequest(
    BinaryTarget target,
    NodeOrder nodeOrder,
    long seed,
    PinningMethod pinningMethod,
    ReaderStrategy readerStrategy,
    Optional<List<VcSettings>> originalSettings,
    Optional<List<String>> originalReaderVcs,
    ExecutionFacts facts,
    boolean allowOneWayTarget,
    boolean restoreDefaultSettings,
    StepEstimates estimates) {

  /**
   * Copies the lists and checks them.
   *
   * @param target not null
   * @param nodeOrder not null
   * @param seed any value; used only by {@link NodeOrder#SEEDED_RANDOM}
   * @param pinningMethod not null
   * @param readerStrategy not null
   * @param originalSettings not null; when present, each (cluster, VC) at most once
   * @param originalReaderVcs not null; when present, each a valid VC name
   * @param facts not null
   * @param allowOneWayTarget as given
   * @param restoreDefaultSettings as given
   * @param estimates not null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a (cluster, VC) listed twice or an
   *     invalid reader VC name
   */
  public UpgradeRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(nodeOrder, "nodeOrder");
    Objects.requireNonNull(pinningMethod, "pinningMethod");
    Objects.requireNonNull(readerStrategy, "readerStrategy");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(estimates, "estimates");
    originalSettings = Objects.requireNonNull(originalSettings, "originalSettings")
        .map(List::copyOf);
    originalReaderVcs = Objects.requireNonNull(originalReaderVcs, "originalReaderVcs")
        .map(List::copyOf);
    originalSettings.ifPresent(list -> {
      Set<String> seen = new HashSet<>();
      for (VcSettings s : list) {
        if (!seen.add(s.cluster() + "/" + s.virtualCluster())) {
          throw invalid("originalSettings lists " + s.cluster() + " VC '" + s.virtualCluster()
              + "' twice; give each (cluster, VC) once");
        }
      }
    });
    originalReaderVcs.ifPresent(list -> list.forEach(VirtualClusterInfo::requireValidName));
  }

  /**
   * A request to upgrade to {@code series}, the patch left to the node upgrader.
   *
   * @param series the target series; whether the catalog knows it is judged by the planner
   * @return a builder holding the defaults listed on the record
   */
  public static Builder toSeries(ReleaseSeries series) {
    return new Builder(BinaryTarget.anyPatchOf(Objects.requireNonNull(series, "series")));
  }

  /**
   * A request to upgrade to exactly {@code binary}.
   *
   * @param binary the binary every node ends on; one of the current series makes a patch upgrade
   * @return a builder holding the defaults listed on the record
   */
  public static Builder toBinary(BinaryVersion binary) {
    return new Builder(BinaryTarget.exactly(Objects.requireNonNull(binary, "binary")));
  }

  /**
   * A request to the target in {@code text}: a series {@code 25.2}, or an exact binary
   * {@code v25.2.4} (any form {@link BinaryVersion#parse} reads).
   *
   * @param text the target; surrounding blanks are ignored. Text starting with {@code v} or
   *     {@code cockroach-}, or with two dots, is read as a binary, anything else as a series
   * @return a builder holding the defaults listed on the record
   * @throws io.github.pcrupgrade.core.version.VersionFormatException when it is neither
   */
  public static Builder to(String text) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(text, "target");
    String t = text.trim();
    boolean binary = t.startsWith("v") || t.startsWith("cockroach-")
        || t.chars().filter(c -> c == '.').count() >= 2;
    return binary ? toBinary(BinaryVersion.parse(t)) : toSeries(ReleaseSeries.parse(t));
  }

  /**
   * A builder holding this request's values, to change some.
   *
   * @return a new builder; the target cannot be changed
   */
  public Builder toBuilder() {
    Builder b = new Builder(target);
    b.nodeOrder = nodeOrder;
    b.seed = seed;
    b.pinningMethod = pinningMethod;
    b.readerStrategy = readerStrategy;
    b.originalSettings = originalSettings.orElse(null);
    b.originalReaderVcs = originalReaderVcs.orElse(null);
    b.facts = facts;
    b.allowOneWayTarget = allowOneWayTarget;
    b.restoreDefaultSettings = restoreDefaultSettings;
    b.estimates = estimates;
    return b;
  }

  /**
   * The original settings of one VC.
   *
   * @param cluster the cluster
   * @param vc the VC's name, compared exactly
   * @return the settings; empty when the request has no original settings, or none for that VC
   */
  public Optional<VcSettings> originalSettingsOf(ClusterRole cluster, String vc) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    return originalSettings.flatMap(list -> list.stream()
        .filter(s -> s.cluster() == cluster && s.virtualCluster().equals(vc)).findFirst());
  }

  /**
   * The finalization settings of every VC of {@code snapshot} whose settings were read, by role:
   * what {@link Builder#originalsFrom} takes as the originals, and what the executor and the step
   * API journal before the first pin.
   *
   * @param snapshot the deployment
   * @return the settings of the primary's VCs, then the standby's, each in id order; VCs whose
   *     settings were not read (the replicating VC) are left out
   */
  public static List<VcSettings> originalsIn(DeploymentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    List<VcSettings> found = new ArrayList<>();
    for (ClusterSnapshot c : List.of(snapshot.primary(), snapshot.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        vc.settings().ifPresent(st -> found.add(new VcSettings(c.role(), vc.name(), st)));
      }
    }
    return found;
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, message);
  }

  /** Builds an {@link UpgradeRequest}; checks each value on entry. Not thread-safe. */
  public static final class Builder {
    private final BinaryTarget target;
    private NodeOrder nodeOrder = NodeOrder.BY_ID;
    private long seed;
    private PinningMethod pinningMethod = PinningMethod.AUTO_UPGRADE_SETTING;
    private ReaderStrategy readerStrategy = ReaderStrategy.RECREATE_EACH_HOP;
    private List<VcSettings> originalSettings;
    private List<String> originalReaderVcs;
    private ExecutionFacts facts = ExecutionFacts.NONE;
    private boolean allowOneWayTarget;
    private boolean restoreDefaultSettings;
    private StepEstimates estimates = StepEstimates.defaults();

    private Builder(BinaryTarget target) {
      this.target = target;
    }

    /**
     * The order of node restarts within a cluster.
     *
     * @param order default {@link NodeOrder#BY_ID}
     * @return this builder
     */
    public Builder nodeOrder(NodeOrder order) {
      this.nodeOrder = Objects.requireNonNull(order, "nodeOrder");
      return this;
    }

    /**
     * Restart nodes in a seeded random order ({@link NodeOrder#SEEDED_RANDOM}).
     *
     * @param randomSeed the seed; the same seed gives the same order
     * @return this builder
     */
    public Builder seededRandomOrder(long randomSeed) {
      this.nodeOrder = NodeOrder.SEEDED_RANDOM;
      this.seed = randomSeed;
      return this;
    }

    /**
     * How auto-finalization is pinned.
     *
     * @param method default {@link PinningMethod#AUTO_UPGRADE_SETTING}
     * @return this builder
     */
    public Builder pinningMethod(PinningMethod method) {
      this.pinningMethod = Objects.requireNonNull(method, "pinningMethod");
      return this;
    }

    /**
     * What happens to the reader VC across hops.
     *
     * @param strategy default {@link ReaderStrategy#RECREATE_EACH_HOP}
     * @return this builder
     */
    public Builder readerStrategy(ReaderStrategy strategy) {
      this.readerStrategy = Objects.requireNonNull(strategy, "readerStrategy");
      return this;
    }

    /**
     * The finalization settings found before the upgrade began, one entry per (cluster, VC).
     *
     * @param settings the settings, as recorded then (see {@link #originalsFrom}); a
     *     (cluster, VC) listed twice is refused by {@link #build()}
     * @return this builder
     */
    public Builder originalSettings(Collection<VcSettings> settings) {
      this.originalSettings = new ArrayList<>(Objects.requireNonNull(settings, "originalSettings"));
      return this;
    }

    /**
     * The original settings and reader VCs taken from {@code firstSnapshot}, the snapshot made
     * before the upgrade's first step: pass the same snapshot to every later plan, so that each
     * plan ends by restoring what was found (a plan made after the pin steps without the
     * originals would take the pins as the originals and restore nothing).
     *
     * @param firstSnapshot the snapshot made before the upgrade's first step
     * @return this builder, its original settings and reader VCs replaced by the snapshot's
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a VC of the snapshot has
     *     auto-finalization pinned while the deployment is not at rest on one series (so the
     *     snapshot was made during an upgrade, after its pin steps); pins found at rest
     *     ({@link PinnedSettings#find}) are taken as the originals, as the planner reports them
     */
    public Builder originalsFrom(DeploymentSnapshot firstSnapshot) {
      Objects.requireNonNull(firstSnapshot, "firstSnapshot");
      Set<String> atRest = new HashSet<>();
      PinnedSettings.find(firstSnapshot)
          .forEach(p -> atRest.add(p.cluster() + "/" + p.virtualCluster()));
      for (ClusterSnapshot c : List.of(firstSnapshot.primary(), firstSnapshot.standby())) {
        for (VirtualClusterInfo vc : c.virtualClusters()) {
          boolean pinned = vc.settings()
              .map(st -> !st.autoUpgradeEnabled() || st.preservesDowngrade()).orElse(false);
          if (pinned && !atRest.contains(c.name() + "/" + vc.name())) {
            throw invalid("originalsFrom: '" + c.name() + "' VC '" + vc.name() + "' has"
                + " auto-finalization pinned (" + vc.settings().orElseThrow() + ") while the"
                + " deployment is upgrading, so this is not the snapshot from before the upgrade"
                + " began; pass that snapshot, or the settings recorded then with"
                + " originalSettings(..), or plan through the executor or the step API, whose"
                + " journal remembers them");
          }
        }
      }
      this.originalSettings = new ArrayList<>(originalsIn(firstSnapshot));
      this.originalReaderVcs = new ArrayList<>(firstSnapshot.standby().readerVcs().stream()
          .map(VirtualClusterInfo::name).toList());
      return this;
    }

    /**
     * The standby's reader VCs found before the upgrade began.
     *
     * @param readers their names; each must be a valid VC name ({@link #build()} checks)
     * @return this builder
     */
    public Builder originalReaderVcs(Collection<String> readers) {
      this.originalReaderVcs =
          new ArrayList<>(Objects.requireNonNull(readers, "originalReaderVcs"));
      return this;
    }

    /**
     * What the executor recorded so far.
     *
     * @param executionFacts default {@link ExecutionFacts#NONE}
     * @return this builder
     */
    public Builder facts(ExecutionFacts executionFacts) {
      this.facts = Objects.requireNonNull(executionFacts, "facts");
      return this;
    }

    /**
     * Allows an alpha or development build as the target (default false: refused). A cluster
     * upgraded to one can never move to a production release; use it only for throw-away test
     * clusters.
     *
     * @param allow true to allow it
     * @return this builder
     */
    public Builder allowOneWayTarget(boolean allow) {
      this.allowOneWayTarget = allow;
      return this;
    }

    /**
     * Restores the product's default finalization settings ({@code cluster.auto_upgrade.enabled}
     * on, {@code cluster.preserve_downgrade_option} unset) in every VC found pinned at rest whose
     * original settings are not known, and in every VC whose known original is itself a pin (an
     * executor that starts on a deployment already pinned records the pins as the originals).
     * Default false: such VCs are only warned about.
     *
     * @param restore true to restore the defaults
     * @return this builder
     */
    public Builder restoreDefaultSettings(boolean restore) {
      this.restoreDefaultSettings = restore;
      return this;
    }

    /**
     * How long each kind of step is expected to take (default {@link StepEstimates#defaults()});
     * the planner copies them onto the steps, it measures nothing.
     *
     * @param stepEstimates the estimates
     * @return this builder
     */
    public Builder estimates(StepEstimates stepEstimates) {
      this.estimates = Objects.requireNonNull(stepEstimates, "estimates");
      return this;
    }

    /**
     * The request.
     *
     * @return an immutable request; the builder may be reused
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the parameter and the rule
     */
    public UpgradeRequest build() {
      return new UpgradeRequest(target, nodeOrder, seed, pinningMethod, readerStrategy,
          Optional.ofNullable(originalSettings), Optional.ofNullable(originalReaderVcs), facts,
          allowOneWayTarget, restoreDefaultSettings, estimates);
    }
  }
}
