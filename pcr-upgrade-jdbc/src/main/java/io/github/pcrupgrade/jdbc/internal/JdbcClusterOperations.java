package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ClusterOperations} over SQL. Each statement connects to the VC it concerns (settings and
 * version) or to the system VC (VC management); identifiers are validated and quoted, values are
 * checked and quoted. Mutations are not retried here: the executor judges a failed mutation
 * against a fresh snapshot. Reads are retried by {@link Sql}.
 */
public final class JdbcClusterOperations implements ClusterOperations {

  private final VcConnections connections;
  private final Sql sql;
  private final JdbcClusterInspector inspector;

  public JdbcClusterOperations(VcConnections connections, Sql sql,
      JdbcClusterInspector inspector) {
    this.connections = connections;
    this.sql = sql;
    this.inspector = inspector;
  }

  @Override
  public String clusterName() {
    return connections.settings().clusterName();
  }

  @Override
  public void setFinalizationSetting(String vc, PinSetting setting, String value) {
    checked(vc);
    if (setting == null || value == null) {
      throw invalid(vc, (setting == null ? "setting" : "value") + " must not be null");
    }
    String literal = switch (setting) {
      case AUTO_UPGRADE_ENABLED -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw invalid(vc, setting.settingName() + " takes true or false, got '" + value + "'");
        }
        yield value;
      }
      case PRESERVE_DOWNGRADE_OPTION -> {
        try {
          ClusterVersion.parse(value);
        } catch (RuntimeException e) {
          throw invalid(vc, e.getMessage());
        }
        yield Sql.literal(value);
      }
    };
    sql.execute(checked(vc), "set " + setting.settingName() + " = " + value,
        "SET CLUSTER SETTING " + setting.settingName() + " = " + literal);
  }

  @Override
  public void resetFinalizationSetting(String vc, PinSetting setting) {
    checked(vc);
    if (setting == null) {
      throw invalid(vc, "setting must not be null");
    }
    sql.execute(checked(vc), "reset " + setting.settingName(),
        "RESET CLUSTER SETTING " + setting.settingName());
  }

  @Override
  public void finalizeVersion(String vc, ReleaseSeries target) {
    checked(vc);
    if (target == null) {
      throw invalid(vc, "target must not be null");
    }
    sql.executeBlocking(checked(vc), "finalize to " + target,
        "SET CLUSTER SETTING version = " + Sql.literal(target.toString()));
  }

  @Override
  public ClusterVersion readVersion(String vc) {
    return inspector.readVersion(checked(vc));
  }

  @Override
  public void stopService(String vc) {
    sql.executeBlocking(VirtualClusterInfo.SYSTEM, "stop the service of VC '" + vc + "'",
        "ALTER VIRTUAL CLUSTER " + Sql.ident(checked(vc)) + " STOP SERVICE");
  }

  @Override
  public void startServiceShared(String vc) {
    system("start the shared service of VC '" + vc + "'",
        "ALTER VIRTUAL CLUSTER " + Sql.ident(checked(vc)) + " START SERVICE SHARED");
  }

  @Override
  public void dropVirtualCluster(String vc) {
    system("drop VC '" + vc + "'", "DROP VIRTUAL CLUSTER " + Sql.ident(checked(vc)));
  }

  @Override
  public void createReaderVirtualCluster(String replicatingVc) {
    system("create the reader VC of '" + replicatingVc + "'",
        "ALTER VIRTUAL CLUSTER " + Sql.ident(checked(replicatingVc))
            + " SET REPLICATION READ VIRTUAL CLUSTER");
  }

  @Override
  public Optional<Instant> replicatedTime(String replicatingVc) {
    return inspector.replication(checked(replicatingVc), false)
        .flatMap(ReplicationInfo::replicatedTime);
  }

  @Override
  public Instant clusterTime() {
    return sql.query(VirtualClusterInfo.SYSTEM, "read the cluster time", "SELECT now()",
        rs -> rs.getTimestamp(1).toInstant()).get(0);
  }

  private void system(String intent, String statement) {
    sql.execute(VirtualClusterInfo.SYSTEM, intent, statement);
  }

  private String checked(String vc) {
    try {
      return VirtualClusterInfo.requireValidName(vc);
    } catch (RuntimeException e) {
      throw invalid(null, e.getMessage());
    }
  }

  /** A bad argument: refused before any SQL, with the code the in-memory ports use. */
  private CockroachSqlException invalid(String vc, String message) {
    return new CockroachSqlException(CoreErrorCode.INVALID_ARGUMENT, SqlErrorKind.OTHER, null,
        clusterName(), vc, "cluster '" + clusterName() + "': " + message, null);
  }
}
