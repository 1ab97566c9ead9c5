package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import io.github.pcrupgrade.testkit.sql.PriorReplication;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The simulated cluster behind one {@link WireServer}: the port the wire layer calls to route,
 * authenticate and execute. The wire layer owns syntax, result shapes (column names, types and
 * order for {@link ServerInfo#series()}), session variables, the {@code allow_unsafe_internals}
 * gate and the "system VC only" checks; the backend owns state and the product's semantic errors.
 *
 * <p><b>Threading.</b> Called concurrently from one thread per connection; implementations must be
 * thread-safe. Most calls are short (the injected latency of the server is the place to simulate
 * slowness); a call that plays a statement the product runs to the end inside the statement
 * ({@code SET CLUSTER SETTING version}, {@code STOP SERVICE}) may block, and must then end when its
 * thread is interrupted: the wire layer interrupts the connection's thread when the client cancels
 * the statement or goes away.
 *
 * <p><b>Errors.</b> Operations refuse by throwing {@link WireSqlException} with the product's
 * SQLSTATE, message and hint (e.g. {@code 42704 tenant "x" does not exist}); it is sent to the
 * client as is. Any other exception becomes an {@code XX000} error on that statement; the
 * connection stays open.
 *
 * <p><b>Virtual cluster arguments.</b> {@code vc} is the name of the VC the session is connected to
 * (for settings) or the name in the statement (for {@code ALTER}/{@code DROP}); the wire layer has
 * already checked, for {@code ALTER}/{@code DROP}, that the session is on the system VC and that
 * {@link #route(String)} knows the named VC.
 */
public interface WireBackend {

  /** The simulated cluster's name, used in the statement log. Constant. */
  String clusterName();

  /** What the server reports about itself; read once per connection (may change between connections). */
  ServerInfo serverInfo();

  /**
   * The stored credential of {@code user}, or empty for an unknown user (who then fails
   * authentication with the same 28P01 error as a wrong password).
   */
  Optional<Credential> credential(String user);

  /**
   * Whether {@code user} has the admin role: the value of ParameterStatus {@code is_superuser}, and
   * whether the session may manage VCs, read the internal tables and show or set cluster settings
   * (a user without it is refused with 42501; see the package documentation).
   */
  default boolean isSuperuser(String user) {
    return true;
  }

  /** The VC a connection lands in without routing information. */
  String defaultVirtualCluster();

  /** The VC named {@code name}, or empty if it does not exist. */
  Optional<VcRoute> route(String name);

  /**
   * {@code SHOW CLUSTER SETTING <name>} in {@code vc}. Also called to describe the result type of a
   * prepared statement, so it must not change state.
   *
   * @throws WireSqlException e.g. {@code XXUUU unknown setting: "<name>"}
   */
  SettingValue showClusterSetting(String vc, String name);

  /**
   * {@code SET CLUSTER SETTING <name> = <value>} in {@code vc}; {@code value} is the value's text
   * ({@code 'x'} gives {@code x}, {@code true} gives {@code true}, {@code 4} gives {@code 4}), or
   * null for {@code DEFAULT}. The wire layer already refused it inside an explicit transaction.
   */
  void setClusterSetting(String vc, String name, String value);

  /**
   * The result type of {@code SHOW CLUSTER SETTING <name>} in {@code vc}, to describe a prepared
   * statement; must neither change state nor block. Defaults to the type of
   * {@link #showClusterSetting}.
   */
  default SqlType settingType(String vc, String name) {
    return showClusterSetting(vc, name).type();
  }

  /**
   * A SQL client's transaction starts on this server (a statement outside an explicit
   * transaction, or {@code BEGIN}); the wire layer calls {@link #closeTransaction()} when it ends.
   * Default: nothing.
   *
   * @throws WireSqlException to refuse it (e.g. {@code XXC02} licence throttling)
   */
  default void openTransaction() {}

  /** The transaction opened by {@link #openTransaction()} ended. Default: nothing. */
  default void closeTransaction() {}

  /** {@code RESET CLUSTER SETTING <name>} in {@code vc}. */
  void resetClusterSetting(String vc, String name);

  /** Every VC, in id order, for {@code SHOW VIRTUAL CLUSTER(S)} (the wire layer filters by name). */
  List<VirtualClusterRow> virtualClusters();

  /** {@code ALTER VIRTUAL CLUSTER <vc> STOP SERVICE}. */
  void stopService(String vc);

  /** {@code ALTER VIRTUAL CLUSTER <vc> START SERVICE SHARED}. */
  void startServiceShared(String vc);

  /** {@code ALTER VIRTUAL CLUSTER <vc> SET REPLICATION READ VIRTUAL CLUSTER}. */
  void setReplicationReadVirtualCluster(String vc);

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> COMPLETE REPLICATION TO LATEST}.
   *
   * @return the failover HLC timestamp (e.g. {@code 1695922878030920020.0000000000})
   */
  BigDecimal completeReplicationToLatest(String vc);

  /** {@code ALTER VIRTUAL CLUSTER <vc> PAUSE REPLICATION}. */
  void pauseReplication(String vc);

  /** {@code ALTER VIRTUAL CLUSTER <vc> RESUME REPLICATION}. */
  void resumeReplication(String vc);

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> START REPLICATION OF <sourceVc> ON '<uri>' [WITH READ VIRTUAL
   * CLUSTER]}.
   */
  void startReplication(String vc, String sourceVc, String uri, boolean withReadVirtualCluster);

  /**
   * {@code DROP VIRTUAL CLUSTER <vc> [IMMEDIATE]}; the wire layer answers {@code IF EXISTS} for a
   * missing VC itself and calls this only for an existing VC.
   */
  void dropVirtualCluster(String vc, boolean immediate);

  /**
   * {@code SELECT crdb_internal.cluster_id()} in {@code vc}: the storage cluster ID on the system
   * VC, a logical ID derived from it in another VC (crdb-pcr-sql-facts 11.1). The wire layer
   * applies the {@code allow_unsafe_internals} gate first, as for every crdb_internal builtin.
   *
   * @throws WireSqlException when the backend has no identity to report (the default)
   */
  default java.util.UUID clusterId(String vc) {
    throw new WireSqlException(SqlStates.UNDEFINED_FUNCTION,
        "unknown function: crdb_internal.cluster_id()");
  }

  /**
   * The jobs {@code SHOW JOBS} lists in {@code vc}: its running jobs and those finished in the last
   * 12 hours (crdb-pcr-sql-facts 11.4; jobs are per VC). The wire layer filters by what the session
   * user may see. Default: none.
   */
  default List<JobRow> jobs(String vc) {
    return List.of();
  }

  /** Every direct system grant, for {@code SHOW SYSTEM GRANTS} (11.5). Default: none. */
  default List<SystemGrantRow> systemGrants() {
    return List.of();
  }

  /** Every direct role membership, for {@code SHOW GRANTS ON ROLE} (11.5). Default: none. */
  default List<RoleMemberRow> roleMembers() {
    return List.of();
  }

  /**
   * {@code SHOW VIRTUAL CLUSTER <vc> WITH PRIOR REPLICATION DETAILS}: where {@code vc} replicated
   * from before its last failover, or empty for a VC never promoted (crdb-pcr-sql-facts 11.1). The
   * release that introduced the option is UNCONFIRMED. Default: the option is unknown, as to a
   * parser that predates it ({@code 42601}; the exact text is UNCONFIRMED).
   *
   * @throws WireSqlException {@code 42601} where the option is not available
   */
  default Optional<PriorReplication> priorReplication(String vc) {
    throw priorReplicationUnknown();
  }

  /** The syntax error of a release without {@code WITH PRIOR REPLICATION DETAILS} (UNCONFIRMED). */
  static WireSqlException priorReplicationUnknown() {
    return new WireSqlException(SqlStates.SYNTAX_ERROR, "at or near \"prior\": syntax error");
  }

  /**
   * The effective system privileges of {@code user}: its direct grants and its roles', closed over
   * {@link #roleMembers()} (core's {@code EffectivePrivileges}, the same closure the JDBC
   * preflight applies to what it reads).
   */
  default io.github.pcrupgrade.core.model.EffectivePrivileges privileges(String user) {
    return io.github.pcrupgrade.core.model.EffectivePrivileges.of(user,
        systemGrants().stream().map(g -> new io.github.pcrupgrade.core.model.EffectivePrivileges
            .Grant(g.grantee(), g.privilege())).toList(),
        roleMembers().stream().map(m -> new io.github.pcrupgrade.core.model.EffectivePrivileges
            .Membership(m.role(), m.member())).toList());
  }

  /** Rows of {@code crdb_internal.gossip_nodes}. */
  List<GossipNodeRow> gossipNodes();

  /** Rows of {@code crdb_internal.gossip_liveness}. */
  List<GossipLivenessRow> gossipLiveness();

  /** Rows of {@code crdb_internal.kv_store_status}. */
  List<StoreStatusRow> storeStatus();

  /** Rows of {@code crdb_internal.kv_node_status}. */
  List<NodeStatusRow> nodeStatus();

  /**
   * The cluster's clock (virtual in a simulation): {@code now()}, {@code current_timestamp},
   * {@code cluster_logical_timestamp()} (as {@code <epoch nanos>.0000000000}) and {@code
   * replication_lag} are computed from it.
   */
  Instant now();
}
