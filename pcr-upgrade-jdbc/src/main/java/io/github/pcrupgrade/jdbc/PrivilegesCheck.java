package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.EffectivePrivileges;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.jdbc.internal.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The preflight's {@code privileges} check of one VC, read-only (crdb-pcr-sql-facts 5, 11.5): the
 * user's direct grants ({@code SHOW SYSTEM GRANTS}, which needs no privilege) and role
 * memberships ({@code SHOW GRANTS ON ROLE}), expanded through roles ({@link
 * EffectivePrivileges}, the closure the simulation uses too); a member of {@code admin} has
 * every privilege. Then, for the statements the upgrade sends in that VC:
 *
 * <ul>
 *   <li>system VC: {@code SHOW}/{@code ALTER}/{@code DROP VIRTUAL CLUSTER} need
 *       MANAGEVIRTUALCLUSTER; the node-status tables VIEWCLUSTERMETADATA (newest stored source;
 *       older versions demanded the admin role); {@code SET CLUSTER SETTING} MODIFYCLUSTERSETTING;
 *   <li>the primary's application VC: {@code SET CLUSTER SETTING} MODIFYCLUSTERSETTING;
 *   <li>the standby's system VC from 25.2: {@code ALTER VIRTUAL CLUSTER ... SET REPLICATION READ
 *       VIRTUAL CLUSTER} also REPLICATIONDEST (docs and release notes; not seen in code, and not
 *       needed for a stream created before 25.1).
 * </ul>
 *
 * A missing MANAGEVIRTUALCLUSTER or VIEWCLUSTERMETADATA is a FAIL naming it and the GRANT that
 * fixes it. What can only be inferred is a WARN that says so: MODIFYCLUSTERSETTING, which may
 * also be a role option that {@code SHOW SYSTEM GRANTS} does not list; REPLICATIONDEST; and, for
 * any user without the admin role, the docs' statement that connecting to the system VC needs it.
 */
final class PrivilegesCheck {

  static final String NAME = "privileges";
  static final String FACT = "crdb-pcr-sql-facts 5, 11.5";
  private static final ReleaseSeries REPLICATIONDEST_FROM = ReleaseSeries.of(25, 2);

  private PrivilegesCheck() {}

  /** Reads the grants of {@code user} in {@code vc} and judges them. */
  static PreflightCheck check(Sql sql, String cluster, ClusterRole role, String vc, String user,
      Optional<ReleaseSeries> series) {
    String subject = cluster + "/" + vc;
    EffectivePrivileges grants;
    try {
      List<EffectivePrivileges.Membership> members = sql.query(vc, "read role memberships",
          "SHOW GRANTS ON ROLE", rs -> new EffectivePrivileges.Membership(
              rs.getString("role_name"), rs.getString("member")));
      List<EffectivePrivileges.Grant> systemGrants = sql.query(vc, "read system grants",
          "SHOW SYSTEM GRANTS", rs -> new EffectivePrivileges.Grant(rs.getString("grantee"),
              rs.getString("privilege_type")));
      grants = EffectivePrivileges.of(user, systemGrants, members);
    } catch (CockroachSqlException e) {
      return PreflightCheck.warn(NAME, subject, "the grants of user '" + user + "' could not be"
              + " read (" + e.getMessage() + "); the privileges of the statements the upgrade"
              + " sends are not checked",
          "check SHOW SYSTEM GRANTS FOR " + user + " and SHOW GRANTS ON ROLE FOR " + user
              + " in VC '" + vc + "', or use a member of admin", FACT);
    }
    return judge(subject, role, vc, user, grants, series);
  }

  /** The verdict for {@code grants} in one VC. Pure. */
  static PreflightCheck judge(String subject, ClusterRole role, String vc, String user,
      EffectivePrivileges grants, Optional<ReleaseSeries> series) {
    String via = grants.roles().size() > 1 ? " (through roles "
        + grants.roles().stream().filter(r -> !r.equals(user)).toList() + ")" : "";
    if (grants.admin()) {
      return PreflightCheck.ok(NAME, subject, "user '" + user + "' is a member of admin" + via
          + ", which implies every privilege the upgrade needs", FACT);
    }
    boolean system = vc.equals(VirtualClusterInfo.SYSTEM);
    List<String> missing = new ArrayList<>();
    List<String> inferred = new ArrayList<>();
    if (system) {
      if (!grants.has("MANAGEVIRTUALCLUSTER")) {
        missing.add("MANAGEVIRTUALCLUSTER (SHOW, ALTER and DROP VIRTUAL CLUSTER)");
      }
      if (!grants.has("VIEWCLUSTERMETADATA")) {
        missing.add("VIEWCLUSTERMETADATA (crdb_internal node and liveness tables)");
      }
      inferred.add("the docs say connecting to the system VC needs the admin role");
    }
    if (!grants.has("MODIFYCLUSTERSETTING")) {
      inferred.add("MODIFYCLUSTERSETTING (SET CLUSTER SETTING version and"
          + " cluster.auto_upgrade.enabled) is not granted as a system privilege; it may be a"
          + " role option, which SHOW SYSTEM GRANTS does not list");
    }
    if (system && role == ClusterRole.STANDBY && series.isPresent()
        && series.get().isAtLeast(REPLICATIONDEST_FROM) && !grants.has("REPLICATIONDEST")) {
      inferred.add("REPLICATIONDEST is not granted: from 25.2 the docs require it for ALTER"
          + " VIRTUAL CLUSTER ... SET REPLICATION READ VIRTUAL CLUSTER (not seen in code; not"
          + " needed for a stream created before 25.1)");
    }
    String grantsSeen = "user '" + user + "'" + via + " has " + (grants.granted().isEmpty()
        ? "no system privilege" : "system privileges " + grants.granted());
    if (!missing.isEmpty()) {
      List<String> names = missing.stream().map(m -> m.substring(0, m.indexOf(' '))).toList();
      return PreflightCheck.fail(NAME, subject, grantsSeen + " and lacks "
              + String.join(", ", missing) + " in VC '" + vc + "'",
          "GRANT SYSTEM " + String.join(", ", names) + " TO " + user + " in VC '" + vc
              + "', or GRANT admin TO " + user, FACT);
    }
    if (!inferred.isEmpty()) {
      return PreflightCheck.warn(NAME, subject, grantsSeen + "; only inferred: "
              + String.join("; ", inferred),
          "use a member of admin (GRANT admin TO " + user + "), or confirm each privilege"
              + " in VC '" + vc + "'", FACT);
    }
    return PreflightCheck.ok(NAME, subject, grantsSeen + ", which covers the statements the"
        + " upgrade sends in VC '" + vc + "'", FACT);
  }
}
