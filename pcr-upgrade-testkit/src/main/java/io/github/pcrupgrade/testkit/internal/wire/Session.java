package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Objects;

/** The state of one connection's SQL session. Confined to the connection's thread. */
final class Session {
  final String user;
  final String virtualCluster;
  final boolean systemVc;
  /** Whether the user has the admin role (every privilege); see {@link WireBackend#isSuperuser}. */
  final boolean admin;
  final ServerInfo info;
  final SessionVariables vars;
  TransactionState transaction = TransactionState.IDLE;

  Session(String user, String virtualCluster, boolean systemVc, boolean admin, ServerInfo info,
      SessionVariables vars) {
    this.user = Objects.requireNonNull(user);
    this.virtualCluster = Objects.requireNonNull(virtualCluster);
    this.systemVc = systemVc;
    this.admin = admin;
    this.info = Objects.requireNonNull(info);
    this.vars = Objects.requireNonNull(vars);
  }
}
