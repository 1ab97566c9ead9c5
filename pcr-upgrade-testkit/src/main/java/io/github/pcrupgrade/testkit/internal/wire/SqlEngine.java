package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.wire.Evaluator.RelColumn;
import io.github.pcrupgrade.testkit.internal.sql.Expr;
import io.github.pcrupgrade.testkit.internal.sql.ParsedStatement;
import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import io.github.pcrupgrade.testkit.internal.sql.Statement;
import io.github.pcrupgrade.testkit.internal.sql.Statement.ShowOption;
import io.github.pcrupgrade.testkit.sql.PriorReplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Executes and describes statements of the subset for one session: the gate, the system-VC
 * checks, the result shapes per series, session variables and transaction state. The backend
 * supplies data and state changes. Thread-confined to the connection.
 */
final class SqlEngine {

  static final String UNSAFE_INTERNALS_MESSAGE = "Access to crdb_internal and system is restricted.";
  static final String UNSAFE_INTERNALS_HINT =
      "These interfaces are unsupported in production. To proceed, set the session variable "
          + "allow_unsafe_internals = true (not recommended), or contact Cockroach Labs for a "
          + "supported alternative.";

  private final WireBackend backend;
  private final Session session;
  private final Consumer<String[]> parameterReporter;

  /**
   * @param parameterReporter receives {name, value} when a reported session variable changes
   */
  SqlEngine(WireBackend backend, Session session, Consumer<String[]> parameterReporter) {
    this.backend = backend;
    this.session = session;
    this.parameterReporter = parameterReporter;
  }

  // ---------------------------------------------------------------- checks shared by both paths

  private void checkCommon(ParsedStatement ps) {
    Statement st = ps.statement();
    if (session.transaction == TransactionState.FAILED
        && !(st instanceof Statement.TransactionControl tc
            && tc.verb() != Statement.TransactionVerb.BEGIN)) {
      throw new WireSqlException(SqlStates.IN_FAILED_SQL_TRANSACTION,
          "current transaction is aborted, commands ignored until end of transaction block");
    }
    if (st instanceof Statement.Unsupported) {
      throw unsupported(ps);
    }
    if (referencesInternals(st)
        && session.info.unsafeInternalsGate().exists()
        && !session.vars.isOn(SessionVariables.ALLOW_UNSAFE_INTERNALS)) {
      throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE, UNSAFE_INTERNALS_MESSAGE,
          UNSAFE_INTERNALS_HINT);
    }
    if (!session.admin) {
      checkPrivileges(st);
    }
    if (!session.systemVc) {
      if (st instanceof Statement.ShowVirtualClusters) {
        throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE,
            "only the system tenant can show other tenants");
      }
      if (st instanceof Statement.AlterVirtualCluster) {
        throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE,
            "only the system tenant can alter tenant");
      }
      if (st instanceof Statement.DropVirtualCluster) {
        throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE,
            "only the system tenant can drop other tenants");
      }
    }
  }

  /**
   * The refusals a user without the admin role meets unless granted the privilege, directly or
   * through a role (crdb-pcr-sql-facts 11.5): VC management needs MANAGEVIRTUALCLUSTER (text of the
   * product's tests), the node-status tables VIEWCLUSTERMETADATA (newest stored source; older
   * versions demanded the admin role, with the "only users with the admin role are allowed to
   * ..." text served here; exact action text UNCONFIRMED), cluster settings the setting
   * privileges (9.6). The MODIFYCLUSTERSETTING role option is not modelled.
   */
  private void checkPrivileges(Statement st) {
    io.github.pcrupgrade.core.model.EffectivePrivileges granted =
        backend.privileges(session.user);
    if ((st instanceof Statement.ShowVirtualClusters || st instanceof Statement.AlterVirtualCluster
        || st instanceof Statement.DropVirtualCluster) && !granted.has("MANAGEVIRTUALCLUSTER")) {
      throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE,
          "user " + session.user + " does not have MANAGEVIRTUALCLUSTER system privilege");
    }
    if (st instanceof Statement.ShowClusterSetting s && !granted.has("VIEWCLUSTERSETTING")
        && !granted.has("MODIFYCLUSTERSETTING")) {
      throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE,
          "only users with the MODIFYCLUSTERSETTING, MODIFYSQLCLUSTERSETTING or"
              + " VIEWCLUSTERSETTING privilege are allowed to show cluster setting '" + s.name()
              + "'");
    }
    if (st instanceof Statement.SetClusterSetting s && !granted.has("MODIFYCLUSTERSETTING")) {
      throw settingRefusal(s.name());
    }
    if (st instanceof Statement.ResetClusterSetting s && !granted.has("MODIFYCLUSTERSETTING")) {
      throw settingRefusal(s.name());
    }
    if (st instanceof Statement.Select s && !granted.has("VIEWCLUSTERMETADATA")) {
      List<String> tables = new ArrayList<>();
      s.from().ifPresent(t -> tables.add(t.name()));
      s.join().ifPresent(j -> tables.add(j.table().name()));
      for (String t : tables) {
        if (t.startsWith("crdb_internal.")) {
          throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE,
              "only users with the admin role are allowed to read " + t);
        }
      }
    }
  }

  private static WireSqlException settingRefusal(String name) {
    return new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE,
        "only users with the MODIFYCLUSTERSETTING or MODIFYSQLCLUSTERSETTING privilege are"
            + " allowed to set cluster setting '" + name + "'");
  }

  static WireSqlException unsupported(ParsedStatement ps) {
    return new WireSqlException(SqlStates.FEATURE_NOT_SUPPORTED,
        "statement not supported by the simulation: " + ps.text());
  }

  private static boolean referencesInternals(Statement st) {
    if (st instanceof Statement.Select s) {
      List<String> tables = new ArrayList<>();
      s.from().ifPresent(t -> tables.add(t.name()));
      s.join().ifPresent(j -> tables.add(j.table().name()));
      if (tables.stream().anyMatch(t -> t.startsWith("crdb_internal.") || t.startsWith("system."))) {
        return true;
      }
      List<Expr> exprs = new ArrayList<>();
      s.items().stream().filter(i -> !i.isStar()).forEach(i -> exprs.add(i.expr()));
      s.where().forEach(eq -> {
        exprs.add(eq.left());
        exprs.add(eq.right());
      });
      return exprs.stream().anyMatch(SqlEngine::callsInternal);
    }
    if (st instanceof Statement.SetClusterSetting s) {
      return callsInternal(s.value());
    }
    return false;
  }

  private static boolean callsInternal(Expr e) {
    if (e instanceof Expr.FunctionCall f) {
      return f.name().startsWith("crdb_internal.")
          || f.args().stream().anyMatch(SqlEngine::callsInternal);
    } else if (e instanceof Expr.Cast c) {
      return callsInternal(c.operand());
    } else if (e instanceof Expr.JsonAccess j) {
      return callsInternal(j.target()) || callsInternal(j.key());
    }
    return false;
  }

  // ---------------------------------------------------------------- describe

  /**
   * The columns {@code ps} would return, or empty for a statement without rows. Does not change
   * state. {@code paramOids} are the parameter types known so far (0 = unspecified).
   */
  Optional<List<Column>> describe(ParsedStatement ps, List<Integer> paramOids) {
    checkCommon(ps);
    Statement st = ps.statement();
    if (st instanceof Statement.ShowClusterSetting s) {
      return Optional.of(List.of(new Column(s.name(),
          backend.settingType(session.virtualCluster, s.name()))));
    }
    if (st instanceof Statement.ShowVirtualClusters s) {
      return Optional.of(showColumns(ps, s));
    }
    if (st instanceof Statement.ShowVariable s) {
      session.vars.get(s.name());
      return Optional.of(List.of(new Column(SessionVariables.normalize(s.name()), SqlType.STRING)));
    }
    if (st instanceof Statement.ShowJobs) {
      return Optional.of(JOB_COLUMNS);
    }
    if (st instanceof Statement.ShowSystemGrants) {
      return Optional.of(SYSTEM_GRANT_COLUMNS);
    }
    if (st instanceof Statement.ShowRoleGrants) {
      return Optional.of(ROLE_GRANT_COLUMNS);
    }
    if (st instanceof Statement.AlterVirtualCluster a
        && a.action() == Statement.SimpleAlter.COMPLETE_REPLICATION_TO_LATEST) {
      return Optional.of(List.of(new Column(failoverColumn(), SqlType.DECIMAL)));
    }
    if (st instanceof Statement.Select s) {
      return Optional.of(new SelectPlan(s, List.of(), paramOids).columns());
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- execute

  StatementResult execute(ParsedStatement ps, List<Object> params, List<Integer> paramOids) {
    checkCommon(ps);
    Statement st = ps.statement();
    if (st instanceof Statement.TransactionControl tc) {
      return transaction(tc);
    }
    if (st instanceof Statement.ShowClusterSetting s) {
      SettingValue v = backend.showClusterSetting(session.virtualCluster, s.name());
      return rows(List.of(new Column(s.name(), v.type())), List.of(Arrays.asList(v.value())));
    }
    if (st instanceof Statement.SetClusterSetting s) {
      if (session.transaction != TransactionState.IDLE) {
        throw new WireSqlException(SqlStates.UNCATEGORIZED,
            "SET CLUSTER SETTING cannot be used inside a multi-statement transaction");
      }
      String value = null;
      if (!(s.value() instanceof Expr.Default)) {
        Evaluator ev = new Evaluator(backend, session, params, paramOids, List.of());
        Object v = ev.eval(s.value(), List.of(), null);
        value = v instanceof Boolean b ? b.toString() : PgCodec.text(v);
      }
      backend.setClusterSetting(session.virtualCluster, s.name(), value);
      return new StatementResult.Command("SET CLUSTER SETTING");
    }
    if (st instanceof Statement.ResetClusterSetting s) {
      if (session.transaction != TransactionState.IDLE) {
        throw new WireSqlException(SqlStates.UNCATEGORIZED,
            "SET CLUSTER SETTING cannot be used inside a multi-statement transaction");
      }
      backend.resetClusterSetting(session.virtualCluster, s.name());
      return new StatementResult.Command("SET CLUSTER SETTING");
    }
    if (st instanceof Statement.ShowVirtualClusters s) {
      return showVirtualClusters(ps, s, params);
    }
    if (st instanceof Statement.AlterVirtualCluster a) {
      return alter(a, params);
    }
    if (st instanceof Statement.DropVirtualCluster d) {
      String name = nameValue(d.name(), params);
      if (backend.route(name).isEmpty()) {
        if (d.ifExists()) {
          return new StatementResult.Command("DROP VIRTUAL CLUSTER");
        }
        throw noSuchTenant(name);
      }
      backend.dropVirtualCluster(name, d.immediate());
      return new StatementResult.Command("DROP VIRTUAL CLUSTER");
    }
    if (st instanceof Statement.SetVariable s) {
      return setVariable(s, params);
    }
    if (st instanceof Statement.ResetVariable s) {
      report(s.name(), session.vars.set(s.name(), null));
      return new StatementResult.Command("RESET");
    }
    if (st instanceof Statement.ShowVariable s) {
      String value = session.vars.get(s.name());
      return rows(List.of(new Column(SessionVariables.normalize(s.name()), SqlType.STRING)),
          List.of(List.of(value)));
    }
    if (st instanceof Statement.Select s) {
      SelectPlan plan = new SelectPlan(s, params, paramOids);
      return rows(plan.columns(), plan.run());
    }
    if (st instanceof Statement.ShowJobs) {
      return showJobs();
    }
    if (st instanceof Statement.ShowSystemGrants g) {
      List<List<Object>> rows = new ArrayList<>();
      for (SystemGrantRow r : backend.systemGrants()) {
        if (g.grantees().isEmpty() || g.grantees().contains(r.grantee())) {
          rows.add(Arrays.asList(r.grantee(), r.privilege(), r.grantable()));
        }
      }
      return rows(SYSTEM_GRANT_COLUMNS, rows);
    }
    if (st instanceof Statement.ShowRoleGrants g) {
      List<List<Object>> rows = new ArrayList<>();
      for (RoleMemberRow r : backend.roleMembers()) {
        if (g.members().isEmpty() || g.members().contains(r.member())) {
          rows.add(Arrays.asList(r.role(), r.member(), r.isAdmin()));
        }
      }
      return rows(ROLE_GRANT_COLUMNS, rows);
    }
    throw unsupported(ps);
  }

  private static StatementResult.Rows rows(List<Column> columns, List<List<Object>> rows) {
    return new StatementResult.Rows(columns, rows);
  }

  private StatementResult transaction(Statement.TransactionControl tc) {
    switch (tc.verb()) {
      case BEGIN -> {
        if (session.transaction != TransactionState.IDLE) {
          throw new WireSqlException("25001", "there is already a transaction in progress");
        }
        session.transaction = TransactionState.IN_TRANSACTION;
        return new StatementResult.Command("BEGIN");
      }
      case COMMIT -> {
        boolean failed = session.transaction == TransactionState.FAILED;
        session.transaction = TransactionState.IDLE;
        return new StatementResult.Command(failed ? "ROLLBACK" : "COMMIT");
      }
      default -> {
        session.transaction = TransactionState.IDLE;
        return new StatementResult.Command("ROLLBACK");
      }
    }
  }

  private StatementResult setVariable(Statement.SetVariable s, List<Object> params) {
    String name = SessionVariables.normalize(s.name());
    if (name.equals(SessionVariables.ALLOW_UNSAFE_INTERNALS) && !session.vars.exists(name)) {
      session.vars.get(name); // throws the product's 42704
    }
    String value;
    if (s.values().size() == 1 && s.values().get(0) instanceof Expr.Default) {
      value = null;
    } else {
      Evaluator ev = new Evaluator(backend, session, params, List.of(), List.of());
      List<String> parts = new ArrayList<>();
      for (Expr e : s.values()) {
        Object v = ev.eval(e, List.of(), null);
        parts.add(v instanceof Boolean b ? b.toString() : String.valueOf(PgCodec.text(v)));
      }
      value = String.join(", ", parts);
    }
    report(name, session.vars.set(name, value));
    return new StatementResult.Command("SET");
  }

  private void report(String name, String reportedAs) {
    if (reportedAs != null) {
      parameterReporter.accept(new String[] {reportedAs, session.vars.get(name)});
    }
  }

  private StatementResult alter(Statement.AlterVirtualCluster a, List<Object> params) {
    String name = nameValue(a.name(), params);
    if (backend.route(name).isEmpty()) {
      throw noSuchTenant(name);
    }
    Statement.AlterAction action = a.action();
    if (action instanceof Statement.StartReplication r) {
      backend.startReplication(name, nameValue(r.source(), params), nameValue(r.uri(), params),
          r.withReadVirtualCluster());
      return new StatementResult.Command("ALTER VIRTUAL CLUSTER");
    }
    switch ((Statement.SimpleAlter) action) {
      case STOP_SERVICE, START_SERVICE_SHARED -> {
        if (session.transaction != TransactionState.IDLE) {
          throw new WireSqlException(SqlStates.UNCATEGORIZED,
              "ALTER VIRTUAL CLUSTER SERVICE cannot be used inside a multi-statement transaction");
        }
        if (action == Statement.SimpleAlter.STOP_SERVICE) {
          backend.stopService(name);
        } else {
          backend.startServiceShared(name);
        }
      }
      case SET_REPLICATION_READ_VIRTUAL_CLUSTER -> backend.setReplicationReadVirtualCluster(name);
      case PAUSE_REPLICATION -> backend.pauseReplication(name);
      case RESUME_REPLICATION -> backend.resumeReplication(name);
      case COMPLETE_REPLICATION_TO_LATEST -> {
        BigDecimal ts = backend.completeReplicationToLatest(name);
        return rows(List.of(new Column(failoverColumn(), SqlType.DECIMAL)),
            List.of(Arrays.asList((Object) ts)));
      }
    }
    return new StatementResult.Command("ALTER VIRTUAL CLUSTER");
  }

  private String failoverColumn() {
    return session.info.usesFailoverNaming() ? "failover_time" : "cutover_time";
  }

  static WireSqlException noSuchTenant(String name) {
    return new WireSqlException(SqlStates.UNDEFINED_OBJECT,
        "tenant \"" + name + "\" does not exist");
  }

  private String nameValue(Expr e, List<Object> params) {
    Object v = new Evaluator(backend, session, params, List.of(), List.of()).eval(e, null, null);
    if (v == null) {
      throw new WireSqlException(SqlStates.INVALID_PARAMETER_VALUE, "name cannot be NULL");
    }
    return PgCodec.text(v);
  }

  // ---------------------------------------------------------------- grants

  /**
   * {@code SHOW SYSTEM GRANTS}: direct grants only, needs no privilege, exists since v22.2
   * (crdb-pcr-sql-facts 11.5).
   */
  static final List<Column> SYSTEM_GRANT_COLUMNS = List.of(new Column("grantee", SqlType.STRING),
      new Column("privilege_type", SqlType.STRING), new Column("is_grantable", SqlType.BOOL));

  /** {@code SHOW GRANTS ON ROLE}: the docs' columns (UNCONFIRMED in code, 11.5). */
  static final List<Column> ROLE_GRANT_COLUMNS = List.of(new Column("role_name", SqlType.STRING),
      new Column("member", SqlType.STRING), new Column("is_admin", SqlType.BOOL));

  // ---------------------------------------------------------------- SHOW JOBS

  /**
   * The columns of {@code SHOW JOBS} in the v25.4-v26.3 docs (crdb-pcr-sql-facts 6.1). Types:
   * the timestamps as TIMESTAMPTZ and {@code execution_errors} as STRING (the product's is a
   * STRING[]; the wire front has no array type) are UNCONFIRMED.
   */
  static final List<Column> JOB_COLUMNS = List.of(
      new Column("job_id", SqlType.INT8), new Column("job_type", SqlType.STRING),
      new Column("description", SqlType.STRING), new Column("statement", SqlType.STRING),
      new Column("user_name", SqlType.STRING), new Column("status", SqlType.STRING),
      new Column("running_status", SqlType.STRING), new Column("created", SqlType.TIMESTAMPTZ),
      new Column("started", SqlType.TIMESTAMPTZ), new Column("finished", SqlType.TIMESTAMPTZ),
      new Column("modified", SqlType.TIMESTAMPTZ),
      new Column("fraction_completed", SqlType.FLOAT8), new Column("error", SqlType.STRING),
      new Column("coordinator_id", SqlType.INT8), new Column("trace_id", SqlType.INT8),
      new Column("execution_errors", SqlType.STRING));

  /**
   * {@code SHOW JOBS}: bypasses the internals gate (crdb-pcr-sql-facts 7, 11.4). A user without
   * the admin role sees only the jobs it runs as: the docs' reading of "users can see their own
   * jobs; VIEWJOB or CONTROLJOB to see others'" (show-jobs.md). The simulation shows every job
   * with VIEWJOB (the product hides admins' jobs from non-admins; not modelled) and does not model
   * the CONTROLJOB role option.
   */
  private StatementResult showJobs() {
    boolean all = session.admin || backend.privileges(session.user).has("VIEWJOB");
    List<List<Object>> rows = new ArrayList<>();
    for (JobRow j : backend.jobs(session.virtualCluster)) {
      if (!all && !j.userName().equals(session.user)) {
        continue;
      }
      rows.add(Arrays.asList(j.jobId(), j.jobType(), j.description(), "", j.userName(),
          j.status(), null, micros(j.created()), micros(j.created()),
          j.finished() == null ? null : micros(j.finished()),
          micros(j.finished() == null ? j.created() : j.finished()),
          j.finished() == null ? 0.0d : 1.0d, "", null, null, null));
    }
    return rows(JOB_COLUMNS, rows);
  }

  // ---------------------------------------------------------------- SHOW VIRTUAL CLUSTERS

  /** The first series whose simulated parser knows {@code WITH PRIOR REPLICATION DETAILS}. */
  static final io.github.pcrupgrade.core.version.ReleaseSeries PRIOR_REPLICATION_DETAILS_FROM =
      io.github.pcrupgrade.core.version.ReleaseSeries.of(24, 1);

  private List<Column> showColumns(ParsedStatement ps, Statement.ShowVirtualClusters s) {
    if (s.options().isEmpty()) {
      return List.of(new Column("id", SqlType.INT8), new Column("name", SqlType.STRING),
          new Column("data_state", SqlType.STRING), new Column("service_mode", SqlType.STRING));
    }
    if (s.options().equals(java.util.Set.of(ShowOption.PRIOR_REPLICATION_DETAILS))) {
      // the plain columns, then source_id and activation_time (crdb-pcr-sql-facts 2.2, 11.1);
      // served from 24.1, the release of fast failback (the option's release is UNCONFIRMED)
      if (!session.info.series().isAtLeast(PRIOR_REPLICATION_DETAILS_FROM)) {
        throw WireBackend.priorReplicationUnknown();
      }
      return List.of(new Column("id", SqlType.INT8), new Column("name", SqlType.STRING),
          new Column("data_state", SqlType.STRING), new Column("service_mode", SqlType.STRING),
          new Column("source_id", SqlType.STRING), new Column("activation_time", SqlType.DECIMAL));
    }
    if (!s.options().equals(java.util.Set.of(ShowOption.REPLICATION_STATUS))) {
      throw unsupported(ps);
    }
    ServerInfo info = session.info;
    List<Column> cols = new ArrayList<>();
    cols.add(new Column("id", SqlType.INT8));
    cols.add(new Column("name", SqlType.STRING));
    if (!info.showsReplicationLag()) { // 23.2 layout
      cols.add(new Column("data_state", SqlType.STRING));
      cols.add(new Column("service_mode", SqlType.STRING));
      cols.add(new Column("source_tenant_name", SqlType.STRING));
      cols.add(new Column("source_cluster_uri", SqlType.STRING));
      cols.add(new Column("replication_job_id", SqlType.INT8));
      cols.add(new Column("replicated_time", SqlType.TIMESTAMPTZ));
      cols.add(new Column("retained_time", SqlType.TIMESTAMPTZ));
      cols.add(new Column("cutover_time", SqlType.DECIMAL));
      return cols;
    }
    if (info.showsIngestionJobId()) {
      cols.add(new Column("ingestion_job_id", SqlType.INT8));
    }
    cols.add(new Column("source_tenant_name", SqlType.STRING));
    cols.add(new Column("source_cluster_uri", SqlType.STRING));
    cols.add(new Column("retained_time", SqlType.TIMESTAMPTZ));
    cols.add(new Column("replicated_time", SqlType.TIMESTAMPTZ));
    cols.add(new Column("replication_lag", SqlType.INTERVAL));
    cols.add(new Column(failoverColumn(), SqlType.DECIMAL));
    cols.add(new Column("status", SqlType.STRING));
    return cols;
  }

  private StatementResult showVirtualClusters(
      ParsedStatement ps, Statement.ShowVirtualClusters s, List<Object> params) {
    List<Column> columns = showColumns(ps, s);
    List<VirtualClusterRow> vcs = backend.virtualClusters();
    if (s.name().isPresent()) {
      String name = nameValue(s.name().get(), params);
      vcs = vcs.stream().filter(v -> v.name().equals(name)).toList();
      if (vcs.isEmpty()) {
        throw noSuchTenant(name);
      }
    }
    Instant now = backend.now();
    List<List<Object>> rows = new ArrayList<>();
    for (VirtualClusterRow vc : vcs) {
      Map<String, Object> values = new LinkedHashMap<>();
      ReplicationInfo r = vc.replication().orElse(null);
      String state = r != null && vc.dataState() == DataState.ADD
          ? r.status().label(session.info.series())
          : vc.dataState().sqlName();
      values.put("id", vc.id());
      values.put("name", vc.name());
      values.put("data_state", state);
      values.put("status", state);
      values.put("service_mode", vc.serviceMode().sqlName());
      if (s.options().contains(ShowOption.PRIOR_REPLICATION_DETAILS)) {
        Optional<PriorReplication> prior = backend.priorReplication(vc.name());
        values.put("source_id", prior.map(PriorReplication::sourceId).orElse(null));
        values.put("activation_time", prior.map(PriorReplication::activationTime).orElse(null));
      }
      if (r != null) {
        values.put("ingestion_job_id", r.ingestionJobId());
        values.put("replication_job_id", r.ingestionJobId());
        values.put("source_tenant_name", r.sourceTenantName());
        values.put("source_cluster_uri", r.sourceClusterUri());
        values.put("retained_time", micros(r.retainedTime()));
        values.put("replicated_time", micros(r.replicatedTime()));
        values.put("replication_lag", r.replicatedTime() == null ? null
            : Duration.between(micros(r.replicatedTime()), micros(now)));
        values.put("failover_time", r.failoverTime());
        values.put("cutover_time", r.failoverTime());
      }
      List<Object> row = new ArrayList<>();
      for (Column c : columns) {
        row.add(values.get(c.name()));
      }
      rows.add(row);
    }
    return rows(columns, rows);
  }

  private static Instant micros(Instant i) {
    return i == null ? null : PgCodec.micros(i);
  }

  // ---------------------------------------------------------------- SELECT

  /** One SELECT: its relation (FROM/JOIN), projection and grouping. */
  private final class SelectPlan {
    private final Statement.Select select;
    private final List<RelColumn> relColumns = new ArrayList<>();
    private final InternalTable left;
    private final InternalTable right;
    private final Evaluator ev;

    SelectPlan(Statement.Select select, List<Object> params, List<Integer> paramOids) {
      this.select = select;
      this.left = select.from().map(t -> table(t.name())).orElse(null);
      this.right = select.join().map(j -> table(j.table().name())).orElse(null);
      if (left != null && !session.systemVc) {
        throw new WireSqlException(SqlStates.FEATURE_NOT_SUPPORTED,
            "operation is unsupported within a virtual cluster");
      }
      if (left != null) {
        String lq = select.from().get().qualifier();
        if (right == null) {
          left.columns().forEach(c -> relColumns.add(new RelColumn(lq, null, c.name(), c.type())));
        } else {
          String rq = select.join().get().table().qualifier();
          List<String> using = select.join().get().using();
          for (String u : using) {
            Column lc = find(left, u);
            find(right, u);
            relColumns.add(new RelColumn(lq, rq, u, lc.type()));
          }
          left.columns().stream().filter(c -> !using.contains(c.name()))
              .forEach(c -> relColumns.add(new RelColumn(lq, null, c.name(), c.type())));
          right.columns().stream().filter(c -> !using.contains(c.name()))
              .forEach(c -> relColumns.add(new RelColumn(rq, null, c.name(), c.type())));
        }
      }
      this.ev = new Evaluator(backend, session, params, paramOids, relColumns);
      select.groupBy().forEach(ev::resolve);
    }

    private InternalTable table(String name) {
      return InternalTable.byName(name).orElseThrow(() -> new WireSqlException(
          SqlStates.FEATURE_NOT_SUPPORTED,
          "statement not supported by the simulation: table " + name + " is not simulated"));
    }

    private Column find(InternalTable t, String column) {
      return t.columns().stream().filter(c -> c.name().equals(column)).findFirst()
          .orElseThrow(() -> new WireSqlException(SqlStates.UNDEFINED_COLUMN,
              "column \"" + column + "\" specified in USING clause does not exist in "
                  + t.qualifiedName()));
    }

    private boolean aggregated() {
      return !select.groupBy().isEmpty() || select.items().stream()
          .anyMatch(i -> !i.isStar() && Evaluator.containsAggregate(i.expr()));
    }

    List<Column> columns() {
      List<Column> out = new ArrayList<>();
      for (Statement.SelectItem item : select.items()) {
        if (item.isStar()) {
          if (aggregated()) {
            throw new WireSqlException(SqlStates.GROUPING_ERROR,
                "* is not allowed with aggregates or GROUP BY in the simulation");
          }
          if (left == null) {
            throw new WireSqlException(SqlStates.SYNTAX_ERROR,
                "cannot use \"*\" without a FROM clause");
          }
          relColumns.forEach(c -> out.add(new Column(c.name(), c.type())));
        } else {
          out.add(new Column(item.alias().orElse(Evaluator.nameOf(item.expr())),
              ev.typeOf(item.expr())));
        }
      }
      select.where().forEach(eq -> {
        ev.typeOf(eq.left());
        ev.typeOf(eq.right());
      });
      return out;
    }

    List<List<Object>> run() {
      columns(); // validates names and types before touching data
      List<List<Object>> input = loadRows();
      List<List<Object>> filtered = new ArrayList<>();
      for (List<Object> row : input) {
        boolean keep = true;
        for (Statement.Equality eq : select.where()) {
          if (!Evaluator.sqlEquals(ev.eval(eq.left(), row, null), ev.eval(eq.right(), row, null))) {
            keep = false;
            break;
          }
        }
        if (keep) {
          filtered.add(row);
        }
      }
      List<List<Object>> out = new ArrayList<>();
      if (!aggregated()) {
        for (List<Object> row : filtered) {
          out.add(project(row, null));
        }
        return out;
      }
      Map<List<String>, List<List<Object>>> groups = new LinkedHashMap<>();
      if (select.groupBy().isEmpty()) {
        groups.put(List.of(), filtered);
      } else {
        for (List<Object> row : filtered) {
          List<String> key = new ArrayList<>();
          for (Expr.ColumnRef g : select.groupBy()) {
            key.add(String.valueOf(PgCodec.text(row.get(ev.resolve(g)))));
          }
          groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
      }
      for (List<List<Object>> group : groups.values()) {
        out.add(project(group.isEmpty() ? null : group.get(0), group));
      }
      return out;
    }

    private List<Object> project(List<Object> row, List<List<Object>> group) {
      List<Object> out = new ArrayList<>();
      for (Statement.SelectItem item : select.items()) {
        if (item.isStar()) {
          out.addAll(row);
        } else {
          Object v = ev.eval(item.expr(), row, group);
          out.add(Evaluator.cast(v, ev.typeOf(item.expr())));
        }
      }
      return out;
    }

    private List<List<Object>> loadRows() {
      if (left == null) {
        return List.of(List.of());
      }
      List<List<Object>> leftRows = left.rows(backend);
      if (right == null) {
        return leftRows;
      }
      List<String> using = select.join().get().using();
      List<List<Object>> rightRows = right.rows(backend);
      int[] lIdx = using.stream().mapToInt(u -> indexOf(left, u)).toArray();
      int[] rIdx = using.stream().mapToInt(u -> indexOf(right, u)).toArray();
      List<List<Object>> out = new ArrayList<>();
      for (List<Object> l : leftRows) {
        List<List<Object>> matches = new ArrayList<>();
        for (List<Object> r : rightRows) {
          boolean eq = true;
          for (int k = 0; k < lIdx.length; k++) {
            eq &= Evaluator.sqlEquals(l.get(lIdx[k]), r.get(rIdx[k]));
          }
          if (eq) {
            matches.add(r);
          }
        }
        if (matches.isEmpty()) {
          matches.add(null);
        }
        for (List<Object> r : matches) {
          List<Object> joined = new ArrayList<>();
          for (int k : lIdx) {
            joined.add(l.get(k));
          }
          for (int k = 0; k < l.size(); k++) {
            if (!using.contains(left.columns().get(k).name())) {
              joined.add(l.get(k));
            }
          }
          for (int k = 0; k < right.columns().size(); k++) {
            if (!using.contains(right.columns().get(k).name())) {
              joined.add(r == null ? null : r.get(k));
            }
          }
          out.add(joined);
        }
      }
      return out;
    }

    private int indexOf(InternalTable t, String column) {
      for (int k = 0; k < t.columns().size(); k++) {
        if (t.columns().get(k).name().equals(column)) {
          return k;
        }
      }
      throw new IllegalStateException("checked in the constructor: " + column);
    }
  }
}
