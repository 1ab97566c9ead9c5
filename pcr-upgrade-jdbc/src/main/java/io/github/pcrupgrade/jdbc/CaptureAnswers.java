package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.jdbc.internal.VcConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.postgresql.PGConnection;

/**
 * Sends the statements of a capture again, to another deployment (the simulation built from the
 * capture, in a comparison), and records the answers exactly as {@link Capture} records them:
 * per cluster, on the same VCs, in the recorded order. The result is a capture, unredacted, of the
 * same statements; {@code CaptureComparison} (core) reports how the two differ.
 *
 * <p>Sends only what the capture holds, which {@code pcr-upgrade capture} made of {@code SHOW} and
 * {@code SELECT} statements; a capture from elsewhere is sent as it is, so give it only to a
 * deployment it may change (a simulation). Thread-safe; each call opens and closes its own
 * connections.
 */
public final class CaptureAnswers {

  private CaptureAnswers() {}

  /**
   * The answers of the clusters in {@code settings} (by role: {@code primary}, {@code standby}) to
   * the statements recorded in {@code recorded}.
   *
   * @param recorded the capture whose statements are sent again
   * @param settings how to reach each cluster, by the role the capture records
   *     ({@link #byRole})
   * @param clock gives the answered capture's {@code capturedAt}
   * @return a capture of origin {@code SIMULATED}, unredacted, with the answers in the recorded
   *     order
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a recorded cluster has no settings;
   *     a {@link CockroachSqlException} when a system VC cannot be reached
   */
  public static CaptureDocument of(CaptureDocument recorded,
      Map<String, ClusterConnectionSettings> settings, Clock clock) {
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    List<ClusterCapture> clusters = new ArrayList<>();
    for (ClusterCapture c : recorded.clusters()) {
      ClusterConnectionSettings s = settings.get(c.role());
      if (s == null) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "no connection settings"
            + " for captured cluster '" + c.role() + "'; give settings for " + settings.keySet());
      }
      clusters.add(cluster(c, s));
    }
    return new CaptureDocument(CaptureDocument.SCHEMA_VERSION, CaptureDocument.Origin.SIMULATED,
        clock.instant(), "pcr-upgrade capture compare", false, clusters);
  }

  private static ClusterCapture cluster(ClusterCapture recorded,
      ClusterConnectionSettings settings) {
    Map<String, String> params = new TreeMap<>();
    List<Exchange> exchanges = new ArrayList<>();
    Map<String, Connection> open = new HashMap<>();
    try (VcConnections connections = new VcConnections(settings)) {
      connections.serverInfo();
      try {
        for (Exchange e : recorded.exchanges()) {
          String vc = e.virtualCluster();
          Connection c = open.get(vc);
          if (c == null && !open.containsKey(vc)) {
            try {
              c = connections.open(vc);
              Capture.knowTypes(c);
              if (vc.equals(VirtualClusterInfo.SYSTEM)) {
                params.putAll(c.unwrap(PGConnection.class).getParameterStatuses());
              }
            } catch (SQLException x) {
              exchanges.add(new Exchange(vc, "-- connect", Optional.empty(), Optional.empty(),
                  Optional.of(Capture.error(x))));
              c = null;
            }
            open.put(vc, c);
          }
          if (c != null && !e.sql().equals("-- connect")) {
            exchanges.add(Capture.exchange(c, vc, e.sql()));
          }
        }
      } finally {
        for (Connection c : open.values()) {
          close(c);
        }
      }
    }
    return new ClusterCapture(recorded.role(), settings.clusterName(), params, exchanges);
  }

  private static void close(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }

  /**
   * Settings by role, for {@link #of}.
   *
   * @param primary how to reach the cluster recorded as {@code primary}
   * @param standby how to reach the cluster recorded as {@code standby}
   * @return an immutable map from {@code primary} and {@code standby} to the settings
   */
  public static Map<String, ClusterConnectionSettings> byRole(ClusterConnectionSettings primary,
      ClusterConnectionSettings standby) {
    return Map.of("primary", Objects.requireNonNull(primary, "primary"), "standby",
        Objects.requireNonNull(standby, "standby"));
  }
}
