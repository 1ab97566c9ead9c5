package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.testkit.FaultPlan;
import io.github.pcrupgrade.testkit.InterruptedFinalization;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One generated chaos run: the deployment, the state it starts from, the target, and the trouble.
 * Produced by {@link ChaosGenerator} from a campaign seed and a run index, so the pair reproduces
 * it exactly. Triggers of {@link #faults()} count from the moment the trouble starts (after the
 * prefix): a time from then, the n-th port call, node restart or finalization from then.
 *
 * @param campaignSeed the campaign's seed
 * @param run the run's index in the campaign, from 0
 * @param seed the run's own seed (the simulation's, the node order's, random errors')
 * @param deployment the generated deployment
 * @param prefixTarget the target of the clean run that brings the deployment to a mid-upgrade
 *     state (empty: the deployment starts at rest)
 * @param prefixSteps how many steps of that run are done before it is stopped
 * @param target the requested target as text (a series, an exact binary, or something invalid)
 * @param targetKind what kind of target the generator meant it to be
 * @param faults simulation faults, with triggers counted from the start of the trouble
 * @param transientErrorProbability the probability that a port call of the executor fails with a
 *     transient error (before or after taking effect)
 * @param dropConnectionOfStatement the n-th blocking statement (finalization or STOP SERVICE) of
 *     the executor whose connection drops {@link #dropAfter} into it (0: none)
 * @param dropAfter how long into that statement its connection drops
 * @param requireApproval whether the executor asks the approval gate before points of no return
 * @param denyApproval the n-th approval request the gate answers "not now" (0: none)
 * @param cancelAtPortCall the executor port call at which the caller cancels (0: never)
 * @param crashAtPortCall the executor port call at which its process dies (0: never)
 * @param crashAfterEffect whether the crash comes after that call took effect (else before)
 * @param resumeUnderSameId whether the executor instance that resumes after a crash has the
 *     crashed one's id (a restarted orchestrator) or another one (it waits for the lease to expire)
 * @param contenderAfter when a second executor starts, from the start of the trouble (empty: none)
 * @param contenderLeaseWait how long the second executor waits for the lease
 * @param failbackAttemptAfter when an operator considers a fast failback, from the start of the
 *     trouble (empty: never)
 */
public record ChaosScenario(
    long campaignSeed,
    int run,
    long seed,
    Deployment deployment,
    Optional<String> prefixTarget,
    int prefixSteps,
    String target,
    TargetKind targetKind,
    List<FaultPlan.Planned> faults,
    double transientErrorProbability,
    int dropConnectionOfStatement,
    Duration dropAfter,
    boolean requireApproval,
    int denyApproval,
    int cancelAtPortCall,
    int crashAtPortCall,
    boolean crashAfterEffect,
    boolean resumeUnderSameId,
    Optional<Duration> contenderAfter,
    Duration contenderLeaseWait,
    Optional<Duration> failbackAttemptAfter) {

  /** What kind of target a run asks for. */
  public enum TargetKind {
    /** A later patch of the series the deployment runs. */
    PATCH,
    /** A series one hop away (the deployment's next direct target). */
    ONE_HOP_SERIES,
    /** An exact binary one hop away. */
    ONE_HOP_BINARY,
    /** A series two or three hops away. */
    MULTI_HOP_SERIES,
    /** An exact binary two or three hops away. */
    MULTI_HOP_BINARY,
    /** Something the library must refuse: a downgrade, an unknown series, malformed text. */
    INVALID
  }

  /**
   * The generated deployment.
   *
   * @param primaryNodes nodes of the primary (1-9)
   * @param standbyNodes nodes of the standby (1-9)
   * @param primaryLocalities distinct localities of the primary's nodes (1-3)
   * @param standbyLocalities distinct localities of the standby's nodes (1-3)
   * @param binary the binary both clusters run at the start
   * @param reader whether a reader VC exists
   * @param nonVirtualizedPrimary whether the primary is non-virtualized
   * @param onInterruptedFinalization what a finalization whose client goes away does
   * @param slowFinalization how long each finalization of the primary's and the standby's system
   *     VC and the primary's app VC takes inside its statement (empty: the default few seconds)
   * @param slowStopService how long STOP SERVICE of the reader takes (empty: the default 2 s)
   */
  public record Deployment(
      int primaryNodes, int standbyNodes, int primaryLocalities, int standbyLocalities,
      String binary, boolean reader, boolean nonVirtualizedPrimary,
      InterruptedFinalization onInterruptedFinalization, Optional<Duration> slowFinalization,
      Optional<Duration> slowStopService) {
    /**
     * Checks that no object component is null.
     *
     * @param primaryNodes nodes of the primary
     * @param standbyNodes nodes of the standby
     * @param primaryLocalities distinct localities of the primary's nodes
     * @param standbyLocalities distinct localities of the standby's nodes
     * @param binary the binary both clusters run at the start
     * @param reader whether a reader VC exists
     * @param nonVirtualizedPrimary whether the primary is non-virtualized
     * @param onInterruptedFinalization what a finalization whose client goes away does
     * @param slowFinalization how long each finalization takes, or empty for the default
     * @param slowStopService how long STOP SERVICE of the reader takes, or empty for the default
     * @throws NullPointerException if {@code binary}, {@code onInterruptedFinalization}, {@code
     *     slowFinalization} or {@code slowStopService} is null
     */
    public Deployment {
      Objects.requireNonNull(binary, "binary");
      Objects.requireNonNull(onInterruptedFinalization, "onInterruptedFinalization");
      Objects.requireNonNull(slowFinalization, "slowFinalization");
      Objects.requireNonNull(slowStopService, "slowStopService");
    }

    @Override
    public String toString() {
      return primaryNodes + "+" + standbyNodes + " nodes (" + primaryLocalities + "+"
          + standbyLocalities + " localities) on " + binary + (reader ? ", reader" : "")
          + (nonVirtualizedPrimary ? ", non-virtualized primary" : "")
          + ", interrupted finalization " + onInterruptedFinalization
          + slowFinalization.map(d -> ", finalizations take " + d).orElse("")
          + slowStopService.map(d -> ", STOP SERVICE takes " + d).orElse("");
    }
  }

  /**
   * Copies the faults and checks that no object component is null.
   *
   * @param campaignSeed the campaign's seed
   * @param run the run's index in the campaign
   * @param seed the run's own seed
   * @param deployment the generated deployment
   * @param prefixTarget the target of the clean prefix run, or empty
   * @param prefixSteps how many steps of the prefix run are done
   * @param target the requested target as text
   * @param targetKind what kind of target it is meant to be
   * @param faults simulation faults, triggered from the start of the trouble
   * @param transientErrorProbability the probability of a transient port error
   * @param dropConnectionOfStatement the blocking statement whose connection drops (0: none)
   * @param dropAfter how long into that statement it drops
   * @param requireApproval whether the executor asks the approval gate
   * @param denyApproval the approval request answered "not now" (0: none)
   * @param cancelAtPortCall the port call at which the caller cancels (0: never)
   * @param crashAtPortCall the port call at which the executor's process dies (0: never)
   * @param crashAfterEffect whether the crash comes after that call took effect
   * @param resumeUnderSameId whether the resuming executor has the crashed one's id
   * @param contenderAfter when a second executor starts, or empty
   * @param contenderLeaseWait how long the second executor waits for the lease
   * @param failbackAttemptAfter when a fast failback is considered, or empty
   * @throws NullPointerException if an object component (or a fault) is null
   */
  public ChaosScenario {
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(prefixTarget, "prefixTarget");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetKind, "targetKind");
    faults = List.copyOf(faults);
    Objects.requireNonNull(dropAfter, "dropAfter");
    Objects.requireNonNull(contenderAfter, "contenderAfter");
    Objects.requireNonNull(contenderLeaseWait, "contenderLeaseWait");
    Objects.requireNonNull(failbackAttemptAfter, "failbackAttemptAfter");
  }

  /**
   * The one-line command that runs this scenario again.
   *
   * @return {@code pcr-upgrade chaos --seed <campaign seed> --run <run>}
   */
  public String reproduction() {
    return ChaosCampaign.reproduction(campaignSeed, run);
  }

  /**
   * Everything about the run on a few lines, for a failure report.
   *
   * @return the deployment, the start, the target and the trouble, one per line (no final
   *     newline)
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("deployment: ").append(deployment).append('\n');
    b.append("start: ").append(prefixTarget.map(t -> prefixSteps + " step(s) of an upgrade to "
        + t).orElse("at rest")).append('\n');
    b.append("target: '").append(target).append("' (").append(targetKind).append(")\n");
    b.append("trouble: ");
    b.append(faults.stream().map(p -> p.fault() + " on " + p.trigger())
        .collect(Collectors.joining("; ")));
    if (transientErrorProbability > 0) {
      b.append("; transient errors p=").append(transientErrorProbability);
    }
    if (dropConnectionOfStatement > 0) {
      b.append("; connection of blocking statement ").append(dropConnectionOfStatement)
          .append(" drops after ").append(dropAfter);
    }
    if (denyApproval > 0) {
      b.append("; approval request ").append(denyApproval).append(" denied");
    }
    if (cancelAtPortCall > 0) {
      b.append("; cancelled at port call ").append(cancelAtPortCall);
    }
    if (crashAtPortCall > 0) {
      b.append("; crash ").append(crashAfterEffect ? "after" : "before").append(" port call ")
          .append(crashAtPortCall).append(", resumed under ")
          .append(resumeUnderSameId ? "the same id" : "another id");
    }
    contenderAfter.ifPresent(d -> b.append("; a second executor at +").append(d)
        .append(" waiting ").append(contenderLeaseWait).append(" for the lease"));
    failbackAttemptAfter.ifPresent(d -> b.append("; a fast failback considered at +").append(d));
    return b.toString();
  }
}
