package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.Feature;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.FaultPlan;
import io.github.pcrupgrade.testkit.InterruptedFinalization;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates {@link ChaosScenario}s. A scenario is a pure function of the campaign seed and the run
 * index (each run draws from its own {@link SplittableRandom}, seeded from both), so any run can be
 * generated again alone, in any order, on any thread. Thread-safe (stateless but for the catalog).
 */
public final class ChaosGenerator {

  /** The cluster names of every generated deployment (the simulation's defaults). */
  static final String PRIMARY = "primary";
  static final String STANDBY = "standby";
  static final String APP = "main";
  static final String READER = "main-readonly";

  private final ReleaseCatalog catalog;

  /**
   * A generator drawing versions from {@code catalog}.
   *
   * @param catalog the release series runs start from and upgrade to
   * @throws NullPointerException if {@code catalog} is null
   */
  public ChaosGenerator(ReleaseCatalog catalog) {
    this.catalog = java.util.Objects.requireNonNull(catalog, "catalog");
  }

  /** The seed of run {@code run} of the campaign seeded {@code campaignSeed}. */
  static long runSeed(long campaignSeed, int run) {
    // SplitMix64's finalizer over the pair: neighbouring runs get unrelated streams
    long z = campaignSeed * 0x9E3779B97F4A7C15L + (run + 1L) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The scenario of run {@code run} (from 0) of the campaign seeded {@code campaignSeed}.
   *
   * @param campaignSeed the campaign's seed
   * @param run the run's index, from 0
   * @return the scenario; the same pair gives an equal scenario on every call and thread
   * @throws IllegalArgumentException if {@code run} is negative
   */
  public ChaosScenario generate(long campaignSeed, int run) {
    if (run < 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "run must not be negative, got " + run);
    }
    long seed = runSeed(campaignSeed, run);
    SplittableRandom r = new SplittableRandom(seed);

    List<ReleaseSeries> series = catalog.series();
    ReleaseSeries start = series.get(r.nextInt(series.size()));
    int latest = SimulatedDeployment.latestKnownBinary(start).patch();
    int startPatch = latest == 0 ? 0 : r.nextInt(latest + 1);
    BinaryVersion binary = BinaryVersion.of(start, startPatch);
    boolean nonVirtualized = r.nextInt(4) == 0;
    boolean reader = !nonVirtualized && catalog.supports(Feature.READER_VC, binary)
        && r.nextBoolean();
    int primaryNodes = 1 + r.nextInt(9);
    int standbyNodes = 1 + r.nextInt(9);
    InterruptedFinalization onInterrupt = r.nextBoolean() ? InterruptedFinalization.STOPS
        : InterruptedFinalization.CONTINUES;
    Optional<Duration> slowFinalization = chance(r, 0.2)
        ? Optional.of(minutes(r, 2, 25)) : Optional.empty();
    Optional<Duration> slowStop = reader && chance(r, 0.3)
        ? Optional.of(minutes(r, 1, 12)) : Optional.empty();
    ChaosScenario.Deployment deployment = new ChaosScenario.Deployment(primaryNodes,
        standbyNodes, 1 + r.nextInt(Math.min(3, primaryNodes)),
        1 + r.nextInt(Math.min(3, standbyNodes)), binary.toString(), reader, nonVirtualized,
        onInterrupt, slowFinalization, slowStop);

    Optional<String> prefixTarget = Optional.empty();
    int prefixSteps = 0;
    if (chance(r, 0.35)) {
      Optional<ReleaseSeries> hop = hops(r, start, 1 + r.nextInt(2));
      if (hop.isPresent()) {
        prefixTarget = Optional.of(hop.get().toString());
        prefixSteps = 1 + r.nextInt(30);
      }
    }

    ChaosScenario.TargetKind kind;
    String target;
    int pick = r.nextInt(20);
    Optional<ReleaseSeries> one = hops(r, start, 1);
    Optional<ReleaseSeries> many = hops(r, start, 2 + r.nextInt(2));
    if (pick < 3 && startPatch < latest) {
      kind = ChaosScenario.TargetKind.PATCH;
      target = BinaryVersion.of(start, startPatch + 1 + r.nextInt(latest - startPatch)).toString();
    } else if (pick < 5 || one.isEmpty()) {
      kind = ChaosScenario.TargetKind.INVALID;
      target = invalidTarget(r, start);
    } else if (pick < 10) {
      kind = ChaosScenario.TargetKind.ONE_HOP_SERIES;
      target = one.get().toString();
    } else if (pick < 13) {
      kind = ChaosScenario.TargetKind.ONE_HOP_BINARY;
      target = someBinary(r, one.get());
    } else if (many.isPresent() && !many.equals(one) && pick < 17) {
      kind = ChaosScenario.TargetKind.MULTI_HOP_SERIES;
      target = many.get().toString();
    } else if (many.isPresent() && !many.equals(one)) {
      kind = ChaosScenario.TargetKind.MULTI_HOP_BINARY;
      target = someBinary(r, many.get());
    } else {
      kind = ChaosScenario.TargetKind.ONE_HOP_SERIES;
      target = one.get().toString();
    }

    List<FaultPlan.Planned> faults = new ArrayList<>();
    int count = r.nextInt(4);
    for (int i = 0; i < count; i++) {
      faults.add(new FaultPlan.Planned(trigger(r, reader), fault(r, deployment)));
    }
    double transients = chance(r, 0.25) ? 0.01 + r.nextDouble() * 0.09 : 0;
    int drop = chance(r, 0.2) ? 1 + r.nextInt(4) : 0;
    Duration dropAfter = Duration.ofSeconds(1 + r.nextInt(120));
    boolean approval = chance(r, 0.2);
    int deny = approval && r.nextBoolean() ? 1 + r.nextInt(3) : 0;
    int cancel = chance(r, 0.12) ? 1 + r.nextInt(200) : 0;
    int crash = chance(r, 0.25) ? 1 + r.nextInt(200) : 0;
    boolean crashAfter = r.nextBoolean();
    boolean sameId = r.nextBoolean();
    Optional<Duration> contender = chance(r, 0.12)
        ? Optional.of(Duration.ofSeconds(r.nextInt(3600))) : Optional.empty();
    Duration contenderWait = r.nextBoolean() ? Duration.ZERO : minutes(r, 1, 20);
    Optional<Duration> failback = chance(r, 0.3) ? Optional.of(minutes(r, 1, 120))
        : Optional.empty();
    return new ChaosScenario(campaignSeed, run, seed, deployment, prefixTarget, prefixSteps,
        target, kind, faults, transients, drop, dropAfter, approval, deny, cancel, crash,
        crashAfter, sameId, contender, contenderWait, failback);
  }

  private Optional<ReleaseSeries> hops(SplittableRandom r, ReleaseSeries from, int count) {
    ReleaseSeries cur = from;
    for (int i = 0; i < count; i++) {
      List<ReleaseSeries> next = catalog.directTargets(cur);
      if (next.isEmpty()) {
        return i == 0 ? Optional.empty() : Optional.of(cur);
      }
      cur = next.get(r.nextInt(next.size()));
    }
    return Optional.of(cur);
  }

  private static String someBinary(SplittableRandom r, ReleaseSeries s) {
    int latest = SimulatedDeployment.latestKnownBinary(s).patch();
    return BinaryVersion.of(s, r.nextInt(latest + 1)).toString();
  }

  /** A target the library must refuse (a lower patch is not one: patches move freely). */
  private String invalidTarget(SplittableRandom r, ReleaseSeries start) {
    return switch (r.nextInt(4)) {
      case 0 -> catalog.predecessor(start).map(ReleaseSeries::toString).orElse("22.1");
      case 1 -> catalog.predecessor(start).map(s -> BinaryVersion.of(s, 0).toString())
          .orElse("v19.2.0");
      case 2 -> "31.4";
      default -> start.year() + ".x";
    };
  }

  private static Trigger trigger(SplittableRandom r, boolean reader) {
    return switch (r.nextInt(4)) {
      case 0 -> new Trigger.AtTime(Duration.ofSeconds(r.nextInt(5400)));
      case 1 -> new Trigger.OnPortCall(1 + r.nextInt(250));
      case 2 -> new Trigger.OnNodeRestart(1 + r.nextInt(8),
          r.nextBoolean() ? "" : r.nextBoolean() ? PRIMARY : STANDBY);
      default -> {
        int w = r.nextInt(3);
        yield new Trigger.OnFinalizationStart(w == 1 ? STANDBY : PRIMARY,
            w == 2 ? APP : "system");
      }
    };
  }

  private static Fault fault(SplittableRandom r, ChaosScenario.Deployment d) {
    boolean p = r.nextBoolean();
    String cluster = p ? PRIMARY : STANDBY;
    int nodes = p ? d.primaryNodes() : d.standbyNodes();
    String vc = p ? (d.nonVirtualizedPrimary() || r.nextBoolean() ? "system" : APP)
        : (d.reader() && r.nextInt(3) == 0 ? READER : "system");
    return switch (r.nextInt(13)) {
      case 0 -> new Fault.NodeFailsToRestart(cluster, r.nextBoolean() ? 0 : 1 + r.nextInt(nodes));
      case 1 -> new Fault.NodeRejoinsLate(cluster, 0, Duration.ofSeconds(30 + r.nextInt(300)));
      case 2 -> new Fault.NodeDies(cluster, 1 + r.nextInt(nodes),
          r.nextBoolean() ? Duration.ZERO : minutes(r, 1, 10));
      case 3 -> new Fault.TransientSqlErrors(cluster,
          r.nextBoolean() ? "40001" : "08006", 1 + r.nextInt(5), r.nextBoolean());
      case 4 -> new Fault.ReplicationStall(minutes(r, 1, 20));
      case 5 -> new Fault.LagSpike(minutes(r, 1, 10), minutes(r, 1, 20));
      case 6 -> new Fault.ExternalFinalization(cluster, vc);
      case 7 -> new Fault.ExternalReenablesAutoUpgrade(cluster, vc);
      case 8 -> new Fault.ExternalFailover();
      case 9 -> new Fault.VcStalls(STANDBY, d.reader() && r.nextBoolean() ? READER : APP,
          minutes(r, 1, 20));
      case 10 -> new Fault.ShowVersionBlocks(cluster, r.nextBoolean() ? "*" : vc,
          Duration.ofSeconds(1 + r.nextInt(120)), minutes(r, 1, 30));
      case 11 -> new Fault.LicenceThrottled(cluster);
      default -> new Fault.ReaderStatementIgnored(STANDBY, 1 + r.nextInt(3));
    };
  }

  private static Duration minutes(SplittableRandom r, int from, int to) {
    return Duration.ofSeconds(from * 60L + r.nextInt((to - from) * 60 + 1));
  }

  private static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }
}
