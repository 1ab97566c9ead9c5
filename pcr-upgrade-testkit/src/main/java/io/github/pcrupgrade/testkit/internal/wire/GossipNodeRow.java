package io.github.pcrupgrade.testkit.internal.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code crdb_internal.gossip_nodes}. {@code attrs} prints as the empty JSON array.
 *
 * @param nodeId node id
 * @param network the RPC network ({@code tcp})
 * @param address the RPC address ({@code host:port})
 * @param advertiseAddress the advertised RPC address
 * @param sqlNetwork the SQL network
 * @param sqlAddress the SQL address
 * @param advertiseSqlAddress the advertised SQL address
 * @param locality the locality ({@code region=us-east1,zone=a}), empty if none
 * @param clusterName the cluster name, empty if none
 * @param serverVersion the binary's cluster-version form ({@code 25.4})
 * @param buildTag the release tag ({@code v25.4.3})
 * @param startedAt when the node process started (printed as a TIMESTAMP in UTC)
 * @param isLive whether the node is live
 * @param ranges replicas on the node
 * @param leases leases held by the node
 */
public record GossipNodeRow(
    long nodeId,
    String network,
    String address,
    String advertiseAddress,
    String sqlNetwork,
    String sqlAddress,
    String advertiseSqlAddress,
    String locality,
    String clusterName,
    String serverVersion,
    String buildTag,
    Instant startedAt,
    boolean isLive,
    long ranges,
    long leases) {
  public GossipNodeRow {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(advertiseAddress, "advertiseAddress");
    Objects.requireNonNull(sqlNetwork, "sqlNetwork");
    Objects.requireNonNull(sqlAddress, "sqlAddress");
    Objects.requireNonNull(advertiseSqlAddress, "advertiseSqlAddress");
    Objects.requireNonNull(locality, "locality");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(buildTag, "buildTag");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
