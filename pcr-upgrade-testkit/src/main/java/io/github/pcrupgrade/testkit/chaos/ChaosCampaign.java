package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A seeded chaos campaign: {@code runs} generated upgrade runs ({@link ChaosGenerator}), each on
 * its own simulated deployment in virtual time, each with generated trouble, each judged by one
 * oracle. Run {@code i} of seed {@code S} is the same wherever and whenever it is played, so a
 * failure is reproduced by {@code pcr-upgrade chaos --seed S --run i}.
 *
 * <h2>The oracle, per run</h2>
 * <ul>
 *   <li>the invariant monitor records no violation, and no procedure warning appears, that the
 *       library caused (records an outside actor caused, and everything after the first of them,
 *       are counted apart as excused: an operator who finalizes by hand takes the deployment out
 *       of the library's hands);
 *   <li>the run ends within {@link ChaosSettings#virtualBound()} of virtual time and within
 *       {@link ChaosSettings#watchdog()} of real time (a deadlock is a failure, not a hang);
 *   <li>it ends COMPLETED at the target (every node on it, every VC final at its series) with the
 *       original finalization settings back, or HALTED with a typed reason, or PAUSED or
 *       CANCELLED, always with a {@code Next:} line; a request the planner refuses never completes
 *       and changes nothing (it halts {@code PLAN_REFUSED}, or earlier when the trouble stops it
 *       first); a malformed request is refused with a typed error;
 *   <li>after the trouble is cleared (faults ended, approvals given, dead nodes restarted, the
 *       deployment left alone {@link ChaosSettings#clearSettle()}), a rerun reaches the target;
 *       when the topology changed (a failover, a failback) or an outside actor broke an
 *       invariant, the rerun, with the roles as the clusters now play them, completes or halts
 *       with a typed reason;
 *   <li>effects are counted, not statements ({@code EffectCount}): no node changed onto a binary
 *       twice, no finalization completed twice, the reader stopped, dropped and created at most
 *       once per hop (one more for a reader dropped in its initial scan).
 * </ul>
 *
 * <p>Runs go in parallel on the injected {@link Executor}; each run plays on a thread of its own,
 * watched by the executor's thread. Thread-safe; a campaign may be run more than once.
 */
public final class ChaosCampaign {

  private final long seed;
  private final int runs;
  private final ChaosSettings settings;
  private final Executor executor;
  private final ReleaseCatalog catalog;
  private final ChaosGenerator generator;

  private ChaosCampaign(Builder b) {
    this.seed = b.seed;
    this.runs = b.runs;
    this.settings = b.settings;
    this.executor = b.executor;
    this.catalog = b.catalog;
    this.generator = new ChaosGenerator(b.catalog);
  }

  /**
   * A builder with the defaults: seed 0, 1,000 runs, {@link ChaosSettings#defaults()}, runs one
   * after another on the calling thread, the built-in release catalog.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The one-line command that reproduces run {@code run} of the campaign seeded {@code seed}.
   *
   * @param seed the campaign's seed
   * @param run the run's index, from 0
   * @return {@code pcr-upgrade chaos --seed <seed> --run <run>}
   */
  public static String reproduction(long seed, int run) {
    return "pcr-upgrade chaos --seed " + seed + " --run " + run;
  }

  /**
   * The scenario of run {@code run}, without playing it.
   *
   * @param run the run's index, from 0 (it may be past the campaign's run count)
   * @return the same scenario {@link #runOne} plays, on every call
   * @throws IllegalArgumentException if {@code run} is negative
   */
  public ChaosScenario scenario(int run) {
    return generator.generate(seed, run);
  }

  /**
   * Plays every run, in parallel on the injected executor, and counts the results.
   *
   * @return the counts and the failing runs; a run that threw or hit the watchdog is a failure,
   *     never an exception of this method
   */
  public ChaosReport run() {
    long start = System.nanoTime();
    List<CompletableFuture<ChaosRunResult>> futures = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      int run = i;
      futures.add(CompletableFuture.supplyAsync(() -> runOne(run), executor));
    }
    List<ChaosRunResult> results = new ArrayList<>();
    for (CompletableFuture<ChaosRunResult> f : futures) {
      results.add(f.join());
    }
    return ChaosReport.of(seed, results, Duration.ofNanos(System.nanoTime() - start), settings);
  }

  /**
   * Plays run {@code run} alone on a thread of its own, waiting for it at most the watchdog's
   * real time; a run that does not end by then fails with "no result" (its thread, a daemon, is
   * left parked).
   *
   * @param run the run's index, from 0 (it may be past the campaign's run count)
   * @return how the run ended and what the oracle found; a run that threw ends {@code FAILED},
   *     one the watchdog gave up on {@code NO RESULT}, both with the reason as their failure
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code run} is negative
   */
  public ChaosRunResult runOne(int run) {
    if (run < 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "the run index must be 0 or more, got " + run);
    }
    ChaosScenario scenario = generator.generate(seed, run);
    AtomicReference<ChaosRunResult> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(new ChaosRun(scenario, settings, catalog).execute());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "chaos-run-" + run);
    t.setDaemon(true);
    long start = System.nanoTime();
    t.start();
    try {
      t.join(Math.max(1, settings.watchdog().toMillis())); // join(0) would wait for ever
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    if (result.get() != null) {
      return result.get();
    }
    String why = failure.get() != null
        ? "the run failed unexpectedly: " + failure.get()
        : "no result within the watchdog's " + settings.watchdog() + " of real time (a deadlock"
            + " or a livelock); the run's thread was left parked";
    if (failure.get() == null) {
      t.interrupt();
    }
    return new ChaosRunResult(scenario, failure.get() != null ? "FAILED" : "NO RESULT", "", "",
        Map.of(), List.of(), List.of(why), Duration.ZERO, wall);
  }

  /** Builds a {@link ChaosCampaign}. Not thread-safe. */
  public static final class Builder {
    private long seed;
    private int runs = 1_000;
    private ChaosSettings settings = ChaosSettings.defaults();
    private Executor executor = Runnable::run;
    private ReleaseCatalog catalog = ReleaseCatalog.builtIn();

    private Builder() {}

    /**
     * The campaign's seed (default 0).
     *
     * @param campaignSeed any value; with the run index it fixes every run
     * @return this builder
     */
    public Builder seed(long campaignSeed) {
      this.seed = campaignSeed;
      return this;
    }

    /**
     * How many runs {@link #run()} plays (default 1,000; 1 to 10,000,000).
     *
     * @param count the number of runs, indexes 0 to {@code count - 1}
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code count} is out of range
     */
    public Builder runs(int count) {
      if (count < 1 || count > 10_000_000) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "runs must be within 1 to 10000000, got " + count);
      }
      this.runs = count;
      return this;
    }

    /**
     * The settings of every run (default {@link ChaosSettings#defaults()}).
     *
     * @param runSettings the executor settings and bounds every run uses
     * @return this builder
     */
    public Builder settings(ChaosSettings runSettings) {
      this.settings = Objects.requireNonNull(runSettings, "runSettings");
      return this;
    }

    /**
     * Where the runs are played (default: one after another on the calling thread). A pool of
     * as many threads as cores is the fastest; each run also starts threads of its own.
     *
     * @param runExecutor where {@link #run()} plays each run
     * @return this builder
     */
    public Builder executor(Executor runExecutor) {
      this.executor = Objects.requireNonNull(runExecutor, "runExecutor");
      return this;
    }

    /**
     * The release catalog (default the built-in one).
     *
     * @param releaseCatalog the series the generator draws start and target versions from
     * @return this builder
     */
    public Builder catalog(ReleaseCatalog releaseCatalog) {
      this.catalog = Objects.requireNonNull(releaseCatalog, "releaseCatalog");
      return this;
    }

    /**
     * Builds the campaign; the builder may go on being used.
     *
     * @return a campaign with this builder's settings
     */
    public ChaosCampaign build() {
      return new ChaosCampaign(this);
    }
  }
}
