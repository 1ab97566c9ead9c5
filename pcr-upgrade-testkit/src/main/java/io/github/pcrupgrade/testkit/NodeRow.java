package io.github.pcrupgrade.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One node as the system VC's {@code crdb_internal.gossip_nodes} joined with
 * {@code gossip_liveness} reports it (crdb-pcr-sql-facts.md 9.2; crdb-upgrade-facts.md 5.2).
 *
 * @param nodeId {@code node_id}
 * @param address {@code address} ({@code host:port})
 * @param sqlAddress {@code sql_address}
 * @param locality {@code locality}
 * @param buildTag {@code build_tag}, for example {@code v25.2.19}
 * @param serverVersion {@code server_version}, the binary's cluster-version form ({@code 25.2})
 * @param isLive {@code is_live}
 * @param draining {@code draining}
 * @param membership {@code membership}: {@code active}, {@code decommissioning}, {@code decommissioned}
 * @param epoch liveness {@code epoch}; grows with every restart
 * @param startedAt {@code started_at}, when the running process started
 * @param updatedAt {@code updated_at}
 */
public record NodeRow(
    int nodeId, String address, String sqlAddress, String locality, String buildTag,
    String serverVersion, boolean isLive, boolean draining, String membership, long epoch,
    Instant startedAt, Instant updatedAt) {

  /**
   * Checks that no object component is null.
   *
   * @param nodeId {@code node_id}
   * @param address {@code address}
   * @param sqlAddress {@code sql_address}
   * @param locality {@code locality}
   * @param buildTag {@code build_tag}
   * @param serverVersion {@code server_version}
   * @param isLive {@code is_live}
   * @param draining {@code draining}
   * @param membership {@code membership}
   * @param epoch liveness {@code epoch}
   * @param startedAt {@code started_at}
   * @param updatedAt {@code updated_at}
   * @throws NullPointerException if an object component is null
   */
  public NodeRow {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(sqlAddress, "sqlAddress");
    Objects.requireNonNull(locality, "locality");
    Objects.requireNonNull(buildTag, "buildTag");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
