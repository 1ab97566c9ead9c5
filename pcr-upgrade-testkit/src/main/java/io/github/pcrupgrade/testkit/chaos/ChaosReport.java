package io.github.pcrupgrade.testkit.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a campaign found: the outcome of every run counted by how it ended (and by how its rerun
 * ended), the trouble that fired counted by kind (runs in which it fired), and the failing runs
 * with their reproduction commands.
 *
 * @param seed the campaign's seed
 * @param runs how many runs were played
 * @param outcomes runs by outcome ({@code COMPLETED}, {@code HALTED <reason>}, ...)
 * @param reruns reruns by outcome
 * @param fired runs in which each kind of trouble fired
 * @param excused runs in which the oracle laid a monitor record or warning on an outside actor
 * @param failures the failing runs, in run order
 * @param wallTime the campaign's real time
 * @param settings the settings every run used
 */
public record ChaosReport(
    long seed,
    int runs,
    Map<String, Integer> outcomes,
    Map<String, Integer> reruns,
    Map<TroubleKind, Integer> fired,
    int excused,
    List<ChaosRunResult> failures,
    Duration wallTime,
    ChaosSettings settings) {

  /**
   * Copies the maps and the failures.
   *
   * @param seed the campaign's seed
   * @param runs how many runs were played
   * @param outcomes runs by outcome
   * @param reruns reruns by outcome
   * @param fired runs in which each kind of trouble fired
   * @param excused runs in which a record was laid on an outside actor
   * @param failures the failing runs
   * @param wallTime the campaign's real time
   * @param settings the settings every run used
   * @throws NullPointerException if a map, list or duration, or {@code settings}, is null
   */
  public ChaosReport {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(reruns, "reruns");
    Objects.requireNonNull(fired, "fired");
    Objects.requireNonNull(failures, "failures");
    outcomes = Map.copyOf(outcomes);
    reruns = Map.copyOf(reruns);
    fired = Map.copyOf(fired);
    failures = List.copyOf(failures);
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(settings, "settings");
  }

  /** Counts the results of a campaign. */
  static ChaosReport of(long seed, List<ChaosRunResult> results, Duration wall,
      ChaosSettings settings) {
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> reruns = new TreeMap<>();
    Map<TroubleKind, Integer> fired = new EnumMap<>(TroubleKind.class);
    List<ChaosRunResult> failures = new ArrayList<>();
    int excused = 0;
    for (ChaosRunResult r : results) {
      outcomes.merge(r.outcome(), 1, Integer::sum);
      if (!r.rerun().isEmpty()) {
        reruns.merge(r.rerun(), 1, Integer::sum);
      }
      r.fired().keySet().forEach(k -> fired.merge(k, 1, Integer::sum));
      if (!r.excused().isEmpty()) {
        excused++;
      }
      if (!r.passed()) {
        failures.add(r);
      }
    }
    return new ChaosReport(seed, results.size(), outcomes, reruns, fired, excused, failures,
        wall, settings);
  }

  /**
   * True when every run passed the oracle.
   *
   * @return whether {@link #failures()} is empty
   */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * The trouble kinds that fired in no run.
   *
   * @return those kinds in declaration order; empty when every kind fired at least once
   */
  public List<TroubleKind> neverFired() {
    List<TroubleKind> out = new ArrayList<>();
    for (TroubleKind k : TroubleKind.values()) {
      if (fired.getOrDefault(k, 0) == 0) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The report as text: counts, then each failure with its reproduction command.
   *
   * @return several lines, each ended by a newline
   */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("chaos campaign, seed ").append(seed).append(": ").append(runs).append(" runs in ")
        .append(wallTime.toMillis()).append(" ms; ").append(failures.size())
        .append(" failed the oracle\n");
    b.append("settings: poll ").append(settings.pollInterval()).append(" backing off to ")
        .append(settings.maxPollInterval()).append(", settle ").append(settings.settleTime())
        .append(", lease TTL ").append(settings.leaseTtl()).append(", watchdog ")
        .append(settings.watchdog()).append(" per run\n");
    b.append("outcomes:\n");
    outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        b.append(String.format("  %-32s %6d%n", e.getKey(), e.getValue())));
    b.append("reruns after the trouble was cleared:\n");
    reruns.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        b.append(String.format("  %-32s %6d%n", e.getKey(), e.getValue())));
    b.append("runs in which each trouble fired:\n");
    for (TroubleKind k : TroubleKind.values()) {
      b.append(String.format("  %-40s %6d%n", k, fired.getOrDefault(k, 0)));
    }
    b.append("runs with records laid on an outside actor: ").append(excused).append('\n');
    for (ChaosRunResult f : failures) {
      b.append("FAILED run ").append(f.scenario().run()).append(": ")
          .append(String.join("; ", f.failures())).append('\n');
      b.append("  ").append(f.scenario().describe().replace("\n", "\n  ")).append('\n');
      b.append("  reproduce: ").append(f.reproduction()).append('\n');
    }
    return b.toString();
  }
}
