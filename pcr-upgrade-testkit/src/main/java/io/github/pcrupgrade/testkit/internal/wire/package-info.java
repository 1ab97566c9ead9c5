/**
 * Internal to the testkit (not exported by its module): the wire front's public entry point is
 * {@code io.github.pcrupgrade.testkit.sql.SimulatedPcrServer}.
 *
 * <p>A PostgreSQL wire-protocol front that answers like CockroachDB, so that real JDBC clients
 * (pgjdbc, HikariCP) can be tested against a simulated cluster. For the testkit's simulation (which
 * implements {@link io.github.pcrupgrade.testkit.internal.wire.WireBackend}) and for tests that start a
 * {@link io.github.pcrupgrade.testkit.internal.wire.WireServer}. It depends on nothing else in the testkit.
 * In replay mode ({@link io.github.pcrupgrade.testkit.internal.wire.RecordedAnswers}, used by the testkit's
 * {@code replay.CaptureReplay}) it answers statements as a capture recorded them instead of
 * evaluating them; routing, authentication and the session layer stay the same.
 *
 * <h2>Connection</h2>
 * <ul>
 *   <li>SSLRequest and GSSENCRequest are answered {@code N} (no TLS); CancelRequest cancels the
 *       target connection's running statement (57014): its injected latency wait, or the statement
 *       itself when the backend blocks (the connection's thread is interrupted). A client that
 *       goes away while its statement runs is noticed the same way.
 *   <li>Routing: {@code options} {@code -ccluster=<vc>} / {@code -c cluster=<vc>} / {@code
 *       --cluster=<vc>} wins; else a database {@code cluster:<vc>} or {@code cluster:<vc>/<db>};
 *       else {@link io.github.pcrupgrade.testkit.internal.wire.WireBackend#defaultVirtualCluster()}. Other
 *       {@code -c name=value} options set session variables; an unknown variable is ignored (the
 *       product only logs {@code unknown configuration parameter}, {@code pre_serve_options.go},
 *       crdb-pcr-sql-facts.md 10.2). A missing VC, an invalid name, or a
 *       VC not serving (service mode other than {@code shared}; the system VC always serves) gets,
 *       before authentication, FATAL {@code 08000 service unavailable for target tenant (<vc>)}
 *       with hint {@code Double check your "-ccluster=" connection option or your "cluster:"
 *       database name prefix.}
 *   <li>Authentication: SCRAM-SHA-256 (only mechanism offered, no channel binding) when the
 *       stored credential is SCRAM, cleartext password otherwise; failure (or unknown user):
 *       {@code 28P01 password authentication failed for user <name>}.
 *   <li>ParameterStatus, in order: {@code server_version} 13.0.0, {@code server_encoding},
 *       {@code client_encoding} UTF8, {@code application_name}, {@code DateStyle} ISO, MDY,
 *       {@code IntervalStyle} postgres, {@code is_superuser}, {@code TimeZone} UTC, {@code
 *       integer_datetimes} on, {@code standard_conforming_strings} on, {@code crdb_version} (the
 *       build string); then BackendKeyData and ReadyForQuery.
 *   <li>Simple query (several {@code ;}-separated statements, stops at the first error) and the
 *       extended protocol (Parse/Bind/Describe/Execute with row limit and PortalSuspended/Sync/
 *       Flush/Close; named and unnamed; after an error, messages are discarded until Sync).
 *       Parameters: text for every type, binary for int2/int4/int8/bool/float4/float8/text.
 *       Results: text, or binary for every result type when requested. Empty query:
 *       EmptyQueryResponse.
 *   <li>A malformed or oversized (default over 1 MiB) message: FATAL {@code 08P01}, that
 *       connection closed, the others unaffected. A startup packet over 10,000 bytes: FATAL {@code
 *       08P01 invalid length of startup packet} (PostgreSQL's bound).
 *   <li>Limits ({@link io.github.pcrupgrade.testkit.sql.WireLimits}): beyond {@code
 *       maxConnections} open connections a new one gets FATAL {@code 53300 sorry, too many
 *       clients already} before its startup packet is read, and is closed; a startup not done
 *       within {@code startupTimeout} is closed without a message; with an {@code idleTimeout}, a
 *       session that sends no complete message for that long gets FATAL {@code 57P05}. A
 *       declared length is never allocated before its bytes arrive.
 *   <li>A statement nested too deeply for the parser: {@code 54001 stack depth limit exceeded};
 *       the session goes on.
 * </ul>
 *
 * <h2>Accepted statements</h2>
 * Keywords are case-insensitive; {@code TENANT} may replace {@code VIRTUAL CLUSTER} and {@code
 * TENANTS} {@code VIRTUAL CLUSTERS}; {@code <vc>} is an identifier, a double-quoted identifier, a
 * string literal, a placeholder {@code $n}, or one of those in {@code [ ]}. {@code <setting>} is a
 * dotted name.
 * <ul>
 *   <li>{@code SHOW CLUSTER SETTING <setting>} (any VC; one column named after the setting, i.e.
 *       {@code version} for {@code version}, typed by the backend's {@link
 *       io.github.pcrupgrade.testkit.internal.wire.SettingValue})
 *   <li>{@code SET CLUSTER SETTING <setting> {= | TO} {<expr> | DEFAULT}} (refused inside an
 *       explicit transaction: {@code XXUUU SET CLUSTER SETTING cannot be used inside a
 *       multi-statement transaction})
 *   <li>{@code RESET CLUSTER SETTING <setting>}
 *   <li>{@code SHOW VIRTUAL CLUSTERS} and {@code SHOW VIRTUAL CLUSTER <vc>}, each optionally
 *       {@code WITH REPLICATION STATUS} or {@code WITH PRIOR REPLICATION DETAILS} (the plain
 *       columns, then {@code source_id} and {@code activation_time}, NULL for a VC never promoted;
 *       from 24.1, earlier {@code 42601}: the option's release is UNCONFIRMED); {@code WITH
 *       CAPABILITIES} parses but answers 0A000. System VC only.
 *   <li>{@code ALTER VIRTUAL CLUSTER <vc> STOP SERVICE | START SERVICE SHARED | SET REPLICATION
 *       READ VIRTUAL CLUSTER | COMPLETE REPLICATION TO LATEST | PAUSE REPLICATION | RESUME
 *       REPLICATION | START REPLICATION OF <vc> ON {'<uri>' | $n} [WITH READ VIRTUAL CLUSTER]}.
 *       System VC only; a missing VC is {@code 42704 tenant "<vc>" does not exist}.
 *   <li>{@code DROP VIRTUAL CLUSTER [IF EXISTS] <vc> [IMMEDIATE]}. System VC only.
 *   <li>{@code SHOW JOBS} (no filter or options): the v25.4 docs' columns, the backend's jobs of
 *       the session's VC; a user without the admin role sees only its own jobs (crdb-pcr-sql-facts
 *       6.1, 11.2, 11.4). Bypasses the internals gate.
 *   <li>{@code SHOW SYSTEM GRANTS [FOR <name>, ...]} ({@code grantee, privilege_type,
 *       is_grantable}) and {@code SHOW GRANTS ON ROLE [FOR <name>, ...]} ({@code role_name,
 *       member, is_admin}; the docs' columns, UNCONFIRMED in code): direct grants and memberships;
 *       need no privilege (11.5).
 *   <li>{@code SET [SESSION] <var> {= | TO} <value>[, ...]}, {@code SET TIME ZONE <value>},
 *       {@code RESET <var>}, {@code SHOW <var>}, {@code SHOW TRANSACTION ISOLATION LEVEL}, {@code
 *       SHOW TIME ZONE}. Variables: {@code allow_unsafe_internals} (only where the series has the
 *       gate), {@code application_name}, {@code client_encoding}, {@code datestyle}, {@code
 *       intervalstyle}, {@code timezone}, {@code extra_float_digits}, {@code statement_timeout},
 *       {@code lock_timeout}, {@code idle_in_transaction_session_timeout}, {@code
 *       transaction_isolation}, {@code default_transaction_isolation}, {@code
 *       default_transaction_read_only}, {@code transaction_read_only}, {@code search_path}, {@code
 *       database}, {@code bytea_output}, {@code client_min_messages}, {@code
 *       standard_conforming_strings}; read-only: {@code server_version} (13.0.0), {@code
 *       server_version_num} (130000), {@code crdb_version}, {@code server_encoding}, {@code
 *       integer_datetimes}, {@code is_superuser}, {@code session_user}, {@code
 *       max_identifier_length}, {@code lc_collate}, {@code lc_ctype} (55P02 on SET). Unknown:
 *       {@code 42704 unrecognized configuration parameter "<var>"}.
 *   <li>{@code BEGIN [TRANSACTION] [<modes>]}, {@code START TRANSACTION}, {@code COMMIT}, {@code
 *       END}, {@code ROLLBACK}, {@code ABORT} (status byte only, no transactional semantics).
 *   <li>{@code SELECT <item>[, ...] [FROM <table> [[AS] <alias>] [LEFT [OUTER] JOIN <table>
 *       [[AS] <alias>] USING (<col>[, ...])]] [WHERE <expr> = <expr> [AND ...]] [GROUP BY
 *       <col>[, ...]]}; {@code <item>} is {@code *} or {@code <expr> [[AS] <alias>]}; tables are
 *       {@code crdb_internal.gossip_nodes}, {@code crdb_internal.gossip_liveness}, {@code
 *       crdb_internal.kv_store_status}, {@code crdb_internal.kv_node_status} (system VC only;
 *       elsewhere {@code 0A000 operation is unsupported within a virtual cluster}). Expressions:
 *       column references ({@code col}, {@code table.col}), string/number/{@code TRUE}/{@code
 *       FALSE}/{@code NULL} literals, {@code $n}, parentheses, {@code ->} and {@code ->>}, casts
 *       {@code ::INT|INT8|INT4|INTEGER|BIGINT|DECIMAL|NUMERIC|STRING|TEXT|VARCHAR|BOOL|BOOLEAN|
 *       FLOAT|FLOAT8|JSONB|TIMESTAMP|TIMESTAMPTZ|INTERVAL|UUID}, and the functions {@code version()},
 *       {@code now()}, {@code current_timestamp}, {@code cluster_logical_timestamp()}, {@code
 *       crdb_internal.node_executable_version()}, {@code crdb_internal.release_series(e)}, {@code
 *       crdb_internal.cluster_id()} (a {@code UUID}: the storage cluster ID on the system VC, a
 *       logical ID derived from it elsewhere; gated like every builtin), {@code
 *       ifnull(a, b)}, {@code coalesce(...)}, {@code sum(e)} and {@code count(*)|count(e)}.
 * </ul>
 * Anything else that lexes, has balanced parentheses and starts with a SQL statement keyword is
 * {@code 0A000 statement not supported by the simulation: <statement>}; other text is {@code 42601
 * at or near "<token>": syntax error}.
 *
 * <h2>allow_unsafe_internals</h2>
 * On series with the gate (25.4: default on; 26.1+: default off) a statement that names a {@code
 * crdb_internal} or {@code system} table or calls a {@code crdb_internal} builtin while the session
 * variable is off fails with {@code 42501 Access to crdb_internal and system is restricted.} and
 * the product's hint. Before 25.4 the variable does not exist.
 *
 * <h2>Result shapes per series</h2>
 * Plain {@code SHOW VIRTUAL CLUSTERS}: {@code id, name, data_state, service_mode}. {@code WITH
 * REPLICATION STATUS}: 23.x {@code id, name, data_state, service_mode, source_tenant_name,
 * source_cluster_uri, replication_job_id, replicated_time, retained_time, cutover_time}; 24.1-24.2
 * {@code id, name, source_tenant_name, source_cluster_uri, retained_time, replicated_time,
 * replication_lag, cutover_time, status}; 24.3 the same with {@code failover_time}; 25.1+ with
 * {@code ingestion_job_id} after {@code name}. Status strings before 24.3 say "cutover". {@code
 * COMPLETE REPLICATION TO LATEST} returns one DECIMAL column {@code failover_time} (24.3+) or
 * {@code cutover_time}.
 *
 * <h2>Choices where the facts are silent</h2>
 * <ul>
 *   <li>From an application VC: {@code SHOW VIRTUAL CLUSTER(S)} is {@code 42501 only the system
 *       tenant can show other tenants}, {@code DROP} {@code 42501 only the system tenant can drop
 *       other tenants} (ALTER uses the documented {@code only the system tenant can alter
 *       tenant}); the internal tables {@code 0A000 operation is unsupported within a virtual
 *       cluster}. {@code SHOW CLUSTER SETTING} works in every VC (settings are per VC).
 *   <li>Privileges: a user for whom {@link io.github.pcrupgrade.testkit.internal.wire.WireBackend#isSuperuser}
 *       is false has only the system privileges granted to it or its roles ({@link
 *       io.github.pcrupgrade.core.model.EffectivePrivileges}); without the one a statement needs
 *       ({@code MANAGEVIRTUALCLUSTER}; {@code VIEWCLUSTERMETADATA} for the internal tables; {@code
 *       VIEWCLUSTERSETTING} or {@code MODIFYCLUSTERSETTING}) {@code SHOW/ALTER/DROP VIRTUAL
 *       CLUSTER} get {@code 42501 user <u> does not have MANAGEVIRTUALCLUSTER system privilege}
 *       (the product's test text), the internal tables {@code 42501 only users with the admin role
 *       are allowed to read crdb_internal.<table>} (the product's admin-role message family; the
 *       action text is UNCONFIRMED), {@code SHOW CLUSTER SETTING} and {@code SET/RESET CLUSTER
 *       SETTING} the 9.6 texts ({@code only users with the MODIFYCLUSTERSETTING ...}).
 *   <li>{@code ALTER VIRTUAL CLUSTER ... START/STOP SERVICE} in an explicit transaction: {@code
 *       XXUUU ALTER VIRTUAL CLUSTER SERVICE cannot be used inside a multi-statement transaction}.
 *   <li>Unaliased column names: a column's name, a function's unqualified name, a cast's operand
 *       name, otherwise {@code ?column?}.
 *   <li>{@code gossip_nodes} column types are those of the product schema of the same era as the
 *       facts' column list (INT8, STRING, JSONB attrs, TIMESTAMP started_at, BOOL is_live).
 * </ul>
 */
package io.github.pcrupgrade.testkit.internal.wire;
