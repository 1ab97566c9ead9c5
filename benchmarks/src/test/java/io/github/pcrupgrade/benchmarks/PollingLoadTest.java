package io.github.pcrupgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.benchmarks.PollingLoadBenchmark.Comparison;
import io.github.pcrupgrade.benchmarks.PollingLoadBenchmark.Scenario;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's polling budget, pinned on a small version of {@link PollingLoadBenchmark}'s run (the
 * same code: JDBC adapters, pgjdbc, HikariCP and the wire front): targeted polling sends at least 5
 * times fewer statements than full polling, in no more virtual time. Both virtual times are the
 * one the simulated durations give, to the nanosecond, so the comparison is deterministic: neither
 * run spends virtual time the other does not (a retry wait after a node restart did, differently in
 * every run, before a lost session was retried at once).
 */
class PollingLoadTest {

  /**
   * One hop (24.3 -> 25.2) of 2 x 3 nodes with a reader VC. Every duration is whole seconds, so each
   * poll falls on a whole second after its step began; a finalization of 33 s divides into its 10
   * or 11 migration steps to the nanosecond (the simulation spends a finalization as equal steps).
   * A node takes 60 s to rejoin: the statement ratio needs waits long against the three full
   * snapshots every step costs in either mode (one to plan, one for its precondition, one when it
   * acted).
   */
  private static final Scenario SMALL = new Scenario("25.2", 3, Duration.ofSeconds(10),
      Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(10),
      Duration.ofSeconds(33), Duration.ofSeconds(5), Duration.ofSeconds(30),
      Duration.ofSeconds(2), Duration.ofSeconds(1), 30);

  @Test
  void targetedPollingSendsFiveTimesFewerStatementsInTheVirtualTimeTheDurationsGive() {
    // When the small scenario is upgraded with full polling, then with targeted polling
    Comparison c = PollingLoadBenchmark.compare(SMALL);
    System.out.println(c);

    // Then neither read waited to retry, and both took exactly the virtual time the steps take
    Duration expected = expectedVirtualTime(SMALL);
    assertThat(expected).isEqualTo(Duration.ofSeconds(752)); // the arithmetic below, by hand
    assertThat(c.full().retryWaits()).isZero();
    assertThat(c.targeted().retryWaits()).isZero();
    assertThat(c.full().virtualTime()).isEqualTo(expected);
    assertThat(c.targeted().virtualTime()).isEqualTo(expected);
    assertThat(c.targeted().virtualTime()).isLessThanOrEqualTo(c.full().virtualTime());
    // and targeted polling sent at least 5 times fewer statements for the same 20 steps (3 pins,
    // 2 x 3 restarts, 3 finalizations, the replication wait, 4 reader steps, 3 restores)
    assertThat(c.full().steps()).isEqualTo(c.targeted().steps()).isEqualTo(3 + 6 + 3 + 1 + 4 + 3);
    assertThat(c.targeted().statements() * 5).isLessThanOrEqualTo(c.full().statements());
    assertThat(c.meetsBudget()).isTrue();
  }

  /**
   * The virtual time of the upgrade, step by step in the plan's order, from the simulated
   * durations alone:
   *
   * <ul>
   *   <li>each node restart, the standby's first: the node upgrader returns after drain and
   *       restart, a poll each second sees the node live once its rejoin time has passed, then the
   *       executor waits the settle time;
   *   <li>each finalization (the standby's system VC, the primary's system VC, then its app VC)
   *       returns after its duration, and the first poll sees it final;
   *   <li>the wait for replication: the replicated time must pass the moment the primary's app VC
   *       was seen final; the simulation moves the replicated time to the clock less the lag at
   *       each replication tick ({@link SimulatedDeployment#REPLICATION_INTERVAL} after the start,
   *       and every interval after), and the poll on that tick sees it;
   *   <li>the reader VC: STOP SERVICE returns after its stop time, the drop is seen at once, the new
   *       reader serves after its initial scan (it is then already serving for the next step).
   * </ul>
   *
   * <p>The pins before and the restores after change settings only: no time. For 2 x 3 nodes,
   * restart 10 + 20 + 60 s and settle 10 s (100 s), finalization 33 s, lag 5 s, stop 2 s, scan 30
   * s: the finalizations end at 3 x 100 + 33 + 3 x 100 + 33 + 33 = 699 s, the first tick after 704 s
   * is at 720 s, the reader stops at 722 s and serves at 752 s.
   */
  private static Duration expectedVirtualTime(Scenario s) {
    long restartStep = s.drain().plus(s.restart()).plus(s.rejoin()).plus(s.settle()).toSeconds();
    long fin = s.finalization().toSeconds();
    long tick = SimulatedDeployment.REPLICATION_INTERVAL.toSeconds();
    long t = 0;
    t += s.nodesPerCluster() * restartStep; // the standby's binaries
    t += fin; // the standby's system VC
    t += s.nodesPerCluster() * restartStep; // the primary's binaries
    t += fin + fin; // the primary's system VC, then its app VC: seen final at t
    long replicatedPast = t + s.catchUp().toSeconds(); // the first tick later than this
    t = (replicatedPast / tick + 1) * tick;
    t += s.readerStop().toSeconds() + s.readerCreation().toSeconds();
    return Duration.ofSeconds(t);
  }
}
