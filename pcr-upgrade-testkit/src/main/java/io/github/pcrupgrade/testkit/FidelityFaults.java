package io.github.pcrupgrade.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fault engine of the product behaviours that break adapters tested against a kinder twin
 * (crdb-pcr-sql-facts.md 10 and 11): a VC that serves yet refuses connections
 * ({@link Fault.VcStalls}), a {@code SHOW CLUSTER SETTING version} that blocks
 * ({@link Fault.ShowVersionBlocks}), and licence throttling ({@link Fault.LicenceThrottled}) with
 * its count of open transactions. Guarded by the deployment's lock; one per deployment.
 */
final class FidelityFaults {

  static final String NO_LICENSE_THROTTLED = "No license installed. The maximum number of"
      + " concurrently open transactions has been reached.";

  /** An armed or running stall of one VC. */
  private static final class Stall {
    final Duration duration;
    Instant until;

    Stall(Duration duration) {
      this.duration = duration;
    }
  }

  private record ShowBlock(Duration blockFor, Instant until) {}

  private final SimulatedDeployment sim;
  private final Map<String, Stall> stalls = new HashMap<>();
  private final Map<String, ShowBlock> showBlocks = new HashMap<>();
  private final Set<String> throttled = new HashSet<>();
  private final Map<String, Integer> openTransactions = new HashMap<>();
  private final Map<String, Integer> ignoredReaderStatements = new HashMap<>();

  FidelityFaults(SimulatedDeployment sim) {
    this.sim = sim;
  }

  private static String key(String cluster, String vc) {
    return cluster + "/" + vc;
  }

  /** Applies {@code f} if it is one of this engine's faults; false otherwise. */
  boolean apply(Fault f) {
    if (f instanceof Fault.VcStalls x) {
      Stall s = new Stall(x.duration());
      stalls.put(key(x.cluster(), x.vc()), s);
      SimulatedCluster c = sim.clusterOrNull(x.cluster());
      VcState v = c == null ? null : c.vcs.get(x.vc());
      if (v != null && v.connectable()) {
        s.until = sim.now().plus(x.duration());
      }
      sim.changed(x.cluster(), "fault", x.vc() + " refuses connections with 08000 for "
          + x.duration() + (s.until == null ? " once it serves" : " (until " + s.until + ")"));
      return true;
    }
    if (f instanceof Fault.ShowVersionBlocks x) {
      Instant until = sim.now().plus(x.during());
      showBlocks.put(key(x.cluster(), x.vc()), new ShowBlock(x.blockFor(), until));
      sim.note(x.cluster(), "fault", "SHOW CLUSTER SETTING version in " + x.vc() + " blocks "
          + x.blockFor() + " until " + until);
      return true;
    }
    if (f instanceof Fault.ReaderStatementIgnored x) {
      ignoredReaderStatements.merge(x.cluster(), x.count(), Integer::sum);
      sim.note(x.cluster(), "fault", "the next " + x.count() + " SET REPLICATION READ VIRTUAL"
          + " CLUSTER statement(s) do nothing");
      return true;
    }
    if (f instanceof Fault.LicenceThrottled x) {
      throttled.add(x.cluster());
      sim.note(x.cluster(), "fault", "unlicensed past its grace period: more than "
          + Fault.LicenceThrottled.MAX_OPEN_TRANSACTIONS + " open transactions fail with XXC02");
      return true;
    }
    return false;
  }

  /** Lifts every fault of this engine; open transactions stay counted until they close. */
  void clear() {
    stalls.clear();
    showBlocks.clear();
    throttled.clear();
    ignoredReaderStatements.clear();
  }

  /**
   * True while {@code v} of {@code c}, though serving, refuses connections. A stall armed before
   * the VC served starts at the first look once it serves.
   */
  boolean refusesConnections(SimulatedCluster c, VcState v) {
    Stall s = stalls.get(key(c.name(), v.name));
    if (s == null || !v.connectable()) {
      return false;
    }
    if (s.until == null) {
      s.until = sim.now().plus(s.duration);
      sim.note(c.name(), "fault", v.name + " serves but its startup stalled: 08000 until "
          + s.until);
    }
    if (sim.now().isBefore(s.until)) {
      return true;
    }
    stalls.remove(key(c.name(), v.name));
    return false;
  }

  /** The documented remedy (STOP SERVICE, then START SERVICE SHARED) ends a stall. */
  void serviceRestarted(SimulatedCluster c, String vc) {
    Stall s = stalls.get(key(c.name(), vc));
    if (s != null && s.until != null) {
      stalls.remove(key(c.name(), vc));
      sim.note(c.name(), "fault", vc + " restarted its service: the stall is over");
    }
  }

  /** True (and counted) when this reader statement on {@code c} is to do nothing. */
  boolean ignoreReaderStatement(SimulatedCluster c) {
    Integer left = ignoredReaderStatements.get(c.name());
    if (left == null) {
      return false;
    }
    if (left <= 1) {
      ignoredReaderStatements.remove(c.name());
    } else {
      ignoredReaderStatements.put(c.name(), left - 1);
    }
    return true;
  }

  /** How long {@code SHOW CLUSTER SETTING version} in {@code vc} blocks now (zero: not at all). */
  Duration showVersionBlock(SimulatedCluster c, String vc) {
    for (String k : new String[] {key(c.name(), vc), key(c.name(), "*")}) {
      ShowBlock b = showBlocks.get(k);
      if (b != null && sim.now().isBefore(b.until())) {
        return b.blockFor();
      }
    }
    return Duration.ZERO;
  }

  /**
   * Opens a client transaction on {@code c}.
   *
   * @throws SimulatedSqlException {@code XXC02} when {@code c} is throttled and already has
   *     {@link Fault.LicenceThrottled#MAX_OPEN_TRANSACTIONS} open
   */
  void openTransaction(SimulatedCluster c) {
    int open = openTransactions.getOrDefault(c.name(), 0);
    if (throttled.contains(c.name()) && open >= Fault.LicenceThrottled.MAX_OPEN_TRANSACTIONS) {
      sim.note(c.name(), "licence", "transaction refused: " + open + " already open");
      throw new SimulatedSqlException(SimulatedSqlException.LICENSE_THROTTLED,
          NO_LICENSE_THROTTLED);
    }
    openTransactions.put(c.name(), open + 1);
  }

  /** Closes a client transaction opened with {@link #openTransaction}. */
  void closeTransaction(SimulatedCluster c) {
    openTransactions.merge(c.name(), -1, (a, b) -> Math.max(0, a + b));
  }
}
