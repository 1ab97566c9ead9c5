package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.Feature;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.UpgradePath;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.preflight.LicencePrecondition;
import io.github.pcrupgrade.core.preflight.LicenceReading;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.jdbc.internal.JdbcClusterInspector;
import io.github.pcrupgrade.jdbc.internal.ServerInfo;
import io.github.pcrupgrade.jdbc.internal.Sql;
import io.github.pcrupgrade.jdbc.internal.VcConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.postgresql.PGConnection;

/**
 * The preflight reads of one cluster: connectivity and TLS, the admin role, the inspection (which
 * proves the node, VC, replication and health reads and the internals gate), and the licence and
 * telemetry settings. Read-only: {@code SHOW} and {@code SELECT} only. Not thread-safe; one per
 * run, closed after it.
 */
final class PreflightProbe implements AutoCloseable {

  /** What the probe of one cluster found: its checks, and its snapshot when inspection worked. */
  record Result(List<PreflightCheck> checks, Optional<ClusterSnapshot> snapshot,
      boolean unreachable) {}

  static final String LICENCE = "enterprise.license";
  static final String TELEMETRY = "diagnostics.reporting.enabled";

  private final ClusterConnectionSettings settings;
  private final ClusterRole role;
  private final Clock clock;
  private final ReleaseCatalog catalog;
  private final VcConnections connections;
  private final Sql sql;
  private final ExecutorService executor;
  private final JdbcClusterInspector inspector;
  /** Whether the user has the admin role (ParameterStatus is_superuser), once probed. */
  private boolean admin;

  PreflightProbe(ClusterConnectionSettings settings, ClusterRole role, ReleaseCatalog catalog,
      Clock clock) {
    this.settings = settings;
    this.role = role;
    this.clock = clock;
    this.catalog = catalog;
    this.connections = new VcConnections(settings);
    this.sql = new Sql(connections, SqlRetry.builder().maxAttempts(2)
        .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(200)).build());
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "pcr-upgrade-preflight-" + settings.clusterName());
      t.setDaemon(true);
      return t;
    });
    this.inspector = new JdbcClusterInspector(connections, sql, role, clock, executor);
  }

  private String name() {
    return settings.clusterName();
  }

  Result probe() {
    List<PreflightCheck> out = new ArrayList<>();
    ServerInfo info;
    try {
      info = connections.serverInfo();
    } catch (CockroachSqlException e) {
      out.add(PreflightCheck.fail("connectivity", name(), e.getMessage(), advice(e),
          "crdb-pcr-sql-facts 9.3, 9.7"));
      return new Result(out, Optional.empty(), true);
    }
    try (Connection c = connections.open(VirtualClusterInfo.SYSTEM)) {
      admin = "on".equalsIgnoreCase(c.unwrap(PGConnection.class)
          .getParameterStatus("is_superuser"));
    } catch (SQLException e) {
      out.add(PreflightCheck.fail("connectivity", name(), Sql.translate(e, settings,
          VirtualClusterInfo.SYSTEM, "connect to the system VC").getMessage(),
          "check the URL, the user and the password", "crdb-pcr-sql-facts 9.7"));
      return new Result(out, Optional.empty(), true);
    }
    out.add(PreflightCheck.ok("connectivity", name() + "/system", "CockroachDB "
        + info.binary().map(Object::toString).orElse(info.buildString()) + " answers as user '" + settings.user() + "'",
        "crdb-pcr-sql-facts 9.3"));
    out.add(tls());
    Optional<ReleaseSeries> series = info.binary().map(b -> b.series());
    out.add(PrivilegesCheck.check(sql, name(), role, VirtualClusterInfo.SYSTEM, settings.user(),
        series));
    if (role == ClusterRole.PRIMARY) {
      out.add(PrivilegesCheck.check(sql, name(), role, settings.appVirtualCluster(),
          settings.user(), series));
    }
    ClusterSnapshot snapshot;
    try {
      snapshot = inspector.inspect();
    } catch (CockroachSqlException e) {
      out.add(inspectionFailure(e));
      return new Result(out, Optional.empty(), false);
    } catch (PcrUpgradeException e) {
      out.add(PreflightCheck.fail("inspection", name(), e.getMessage(),
          "report this answer; pcr-upgrade cannot plan from it", "crdb-pcr-sql-facts 7"));
      return new Result(out, Optional.empty(), false);
    }
    out.add(PreflightCheck.ok("inspection", name(), "node, VC, replication and health reads"
        + " answered with the expected columns (" + snapshot.nodes().size() + " node(s), "
        + snapshot.virtualClusters().size() + " VC(s))"
        + (gatesInternals(info) ? "; allow_unsafe_internals accepted" : ""),
        "crdb-pcr-sql-facts 7, 9.2, 9.4"));
    if (role == ClusterRole.PRIMARY) {
      String app = settings.appVirtualCluster();
      snapshot.virtualClusters().stream().filter(v -> v.name().equals(app)
          && v.settings().isPresent()).findFirst().ifPresent(v -> out.add(PreflightCheck.ok(
              "connectivity", name() + "/" + app, "VC '" + app + "' serves SQL",
              "crdb-pcr-sql-facts 1.1")));
    }
    return new Result(out, Optional.of(snapshot), false);
  }

  /**
   * Whether the binary gates crdb_internal behind {@code allow_unsafe_internals} (a series the
   * catalog marks so, or one newer than it knows), so that answered reads show it was accepted.
   */
  private boolean gatesInternals(ServerInfo info) {
    return info.binary().map(b -> catalog.find(b.series())
            .map(i -> i.has(Feature.ALLOW_UNSAFE_INTERNALS))
            .orElse(b.series().isAfter(catalog.series().get(catalog.series().size() - 1))))
        .orElse(false);
  }

  /**
   * What TLS the connection uses, as far as the settings decide it: pgjdbc does not expose the
   * negotiated state, so only the modes that refuse a plain connection prove TLS.
   */
  private PreflightCheck tls() {
    String mode = settings.driverProperties().getOrDefault("sslmode", "prefer")
        .toLowerCase(Locale.ROOT);
    String fact = "crdb-pcr-sql-facts 9.7";
    return switch (mode) {
      case "require", "verify-ca", "verify-full" -> PreflightCheck.ok("tls", name(), "TLS"
          + " (sslmode=" + mode + ": the driver refuses a plain connection)", fact);
      case "disable" -> PreflightCheck.warn("tls", name(), "plain connection, no TLS"
              + " (sslmode=disable): the password travels unencrypted; only an --insecure node"
              + " accepts it", "use sslmode=verify-full against a secure cluster", fact);
      default -> PreflightCheck.warn("tls", name(), "TLS is not required (sslmode=" + mode
              + "): the driver falls back to a plain connection when the server offers no TLS,"
              + " and does not say which it got",
          "use sslmode=verify-full so that a plain connection is refused", fact);
    };
  }

  private PreflightCheck inspectionFailure(CockroachSqlException e) {
    String msg = e.getMessage();
    boolean permission = e.kind() == SqlErrorKind.PERMISSION;
    if (permission && msg.contains("Access to crdb_internal")) {
      return PreflightCheck.fail("unsafe-internals", name(), "crdb_internal is refused even with"
              + " allow_unsafe_internals set: " + msg,
          "allow the upgrade user to set allow_unsafe_internals on the system VC (how a"
              + " cluster can refuse it is UNCONFIRMED)", "crdb-pcr-sql-facts 9.4");
    }
    if (permission) {
      return PreflightCheck.fail("inspection", name(), msg, "grant user '" + settings.user()
              + "' the admin role on the system VC (GRANT admin TO " + settings.user() + "), or"
              + " MANAGEVIRTUALCLUSTER, VIEWCLUSTERMETADATA and VIEWCLUSTERSETTING",
          "crdb-pcr-sql-facts 5, 11.5");
    }
    return PreflightCheck.fail("inspection", name(), msg, "see the product's message",
        "crdb-pcr-sql-facts 7");
  }

  private String advice(CockroachSqlException e) {
    if (e.code() == JdbcErrorCode.NOT_COCKROACHDB) {
      return "point the URL at a CockroachDB node";
    }
    if (e.code() == JdbcErrorCode.AUTHENTICATION_FAILED) {
      return "check the user and the password of cluster '" + name() + "'";
    }
    return "check that the host and port are right and reachable, and the TLS settings";
  }

  /**
   * The licence checks of this cluster for the planned path ({@code from} to {@code target}):
   * reads {@code enterprise.license} on the system VC and {@code diagnostics.reporting.enabled}
   * in every VC a hop finalizes by SQL (the system VC, and on the primary its serving app VCs).
   */
  List<PreflightCheck> licence(ClusterSnapshot snapshot, Optional<ReleaseSeries> target,
      Optional<ReleaseSeries> from) {
    boolean to243 = target.isPresent() && from.isPresent() && finalizes243(from.get(),
        target.get());
    LicenceReading reading = readLicence();
    Map<String, Optional<Boolean>> telemetry = new LinkedHashMap<>();
    for (VirtualClusterInfo vc : snapshot.virtualClusters()) {
      boolean finalizedBySql = vc.kind() == VcKind.SYSTEM
          || (role == ClusterRole.PRIMARY && vc.kind() == VcKind.APPLICATION
              && vc.settings().isPresent());
      if (finalizedBySql) {
        telemetry.put(vc.name(), readTelemetry(vc.name()));
      }
    }
    return LicencePrecondition.check(name(), reading, telemetry,
        Preflight.memberNodes(snapshot), to243, clock.instant());
  }

  private boolean finalizes243(ReleaseSeries from, ReleaseSeries to) {
    try {
      return LicencePrecondition.finalizesBlockingSeries(catalog.path(from, to));
    } catch (PcrUpgradeException e) {
      // an unknown or unreachable target: the rules report it; judge by the range
      ReleaseSeries b = LicencePrecondition.BLOCKING_SERIES;
      return from.isBefore(b) && !to.isBefore(b);
    }
  }

  private LicenceReading readLicence() {
    String value;
    try {
      value = sql.query(VirtualClusterInfo.SYSTEM, "read cluster setting " + LICENCE,
          "SHOW CLUSTER SETTING " + LICENCE, rs -> rs.getString(1)).get(0);
    } catch (CockroachSqlException e) {
      return LicenceReading.unreadable(e.kind() == SqlErrorKind.PERMISSION
          ? "the user may not read it (" + e.sqlState().orElse("?") + ")"
          : "SHOW CLUSTER SETTING " + LICENCE + " failed (SQLSTATE "
              + e.sqlState().orElse("none") + ")");
    }
    if (value != null && value.trim().toLowerCase(Locale.ROOT).contains("redacted")) {
      return LicenceReading.unreadable("the server redacts it (a sensitive setting under"
          + " server.redact_sensitive_settings.enabled)");
    }
    try {
      return Licence.decode(value).map(LicenceReading::of).orElse(LicenceReading.none());
    } catch (PcrUpgradeException e) {
      return LicenceReading.unreadable("its value is not a licence key pcr-upgrade can decode");
    }
  }

  private Optional<Boolean> readTelemetry(String vc) {
    try {
      return Optional.of(sql.query(vc, "read cluster setting " + TELEMETRY,
          "SHOW CLUSTER SETTING " + TELEMETRY, rs -> rs.getBoolean(1)).get(0));
    } catch (CockroachSqlException e) {
      return Optional.empty();
    }
  }

  /**
   * The {@code jobs} check in every VC the upgrade finalizes by SQL and this probe can reach: the
   * system VC, and on the primary its serving application VCs (crdb-pcr-sql-facts 11.4). The
   * standby's replicating VC takes no SQL; its schema changes are the primary's, replicated.
   */
  List<PreflightCheck> jobs(ClusterSnapshot snapshot) {
    List<PreflightCheck> out = new ArrayList<>();
    for (VirtualClusterInfo vc : snapshot.virtualClusters()) {
      boolean finalizedBySql = vc.kind() == VcKind.SYSTEM
          || (role == ClusterRole.PRIMARY && vc.kind() == VcKind.APPLICATION
              && vc.settings().isPresent());
      if (finalizedBySql) {
        out.add(RunningJobsCheck.check(sql, name() + "/" + vc.name(), vc.name(), settings.user(),
            admin, clock.instant()));
      }
    }
    return out;
  }

  /**
   * The {@code stream-source} check of this (standby) cluster's stream into {@code vc} against the
   * primary's addresses ({@link StreamSourceCheck}).
   */
  PreflightCheck streamSource(String vc, ClusterConnectionSettings primary) {
    return StreamSourceCheck.check(sql, name(), vc, primary.clusterName(), primary.jdbcUrl());
  }

  /**
   * The {@code failback-lineage} check of this (promoted) cluster's VC {@code vc} against the
   * original primary ({@link FailbackLineageCheck}).
   */
  PreflightCheck failbackLineage(String vc, String originalPrimary,
      Optional<java.util.UUID> originalPrimaryId) {
    return FailbackLineageCheck.check(sql, name(), vc, originalPrimary, originalPrimaryId);
  }

  /** The series every VC of both clusters has reached: the lowest system VC's base series. */
  static Optional<ReleaseSeries> currentSeries(DeploymentSnapshot d) {
    return java.util.stream.Stream.of(d.primary(), d.standby())
        .map(c -> c.systemVc().version().known())
        .flatMap(Optional::stream)
        .map(ClusterVersion::base)
        .min(ReleaseSeries::compareTo);
  }

  @Override
  public void close() {
    connections.close();
    executor.shutdownNow();
  }
}
