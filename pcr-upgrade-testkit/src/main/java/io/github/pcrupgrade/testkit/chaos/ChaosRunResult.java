package io.github.pcrupgrade.testkit.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one chaos run ended and what the oracle found.
 *
 * @param scenario the generated run
 * @param outcome how the library's run under trouble ended: {@code COMPLETED}, {@code PAUSED},
 *     {@code CANCELLED}, {@code HALTED <reason>}, {@code REFUSED <error code>} (a request the
 *     library would not accept), or {@code NO RESULT} (the watchdog fired)
 * @param detail the first line of the run's message (for a refusal: the violations' codes)
 * @param rerun how the rerun after the trouble was cleared ended (same forms; empty when none)
 * @param fired the trouble that fired, by kind, with how many times
 * @param excused monitor records and procedure warnings the oracle laid on an outside actor
 *     (an operator who finalized a VC or re-enabled auto-upgrade by hand), not on the library
 * @param failures what the oracle found wrong; empty for a passing run
 * @param virtualTime how much virtual time the run took
 * @param wallTime how much real time the run took
 */
public record ChaosRunResult(
    ChaosScenario scenario,
    String outcome,
    String detail,
    String rerun,
    Map<TroubleKind, Integer> fired,
    List<String> excused,
    List<String> failures,
    Duration virtualTime,
    Duration wallTime) {

  /**
   * Copies the map and the lists.
   *
   * @param scenario the generated run
   * @param outcome how the run under trouble ended
   * @param detail the first line of the run's message
   * @param rerun how the rerun ended, empty when none
   * @param fired the trouble that fired, by kind
   * @param excused records laid on an outside actor
   * @param failures what the oracle found wrong
   * @param virtualTime the run's virtual time
   * @param wallTime the run's real time
   * @throws NullPointerException if any component is null
   */
  public ChaosRunResult {
    Objects.requireNonNull(fired, "fired");
    Objects.requireNonNull(failures, "failures");
    Objects.requireNonNull(excused, "excused");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(rerun, "rerun");
    fired = Map.copyOf(fired);
    excused = List.copyOf(excused);
    failures = List.copyOf(failures);
    Objects.requireNonNull(virtualTime, "virtualTime");
    Objects.requireNonNull(wallTime, "wallTime");
  }

  /**
   * True when the oracle found nothing wrong.
   *
   * @return whether {@link #failures()} is empty
   */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * The one-line command that reproduces this run.
   *
   * @return {@code pcr-upgrade chaos --seed <campaign seed> --run <run>}
   */
  public String reproduction() {
    return scenario.reproduction();
  }
}
