package io.github.pcrupgrade.testkit.internal.wire;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row of {@code crdb_internal.kv_node_status}. Columns not given here print fixed values:
 * {@code attrs} {@code []}, {@code cgo_compiler} and {@code dependencies} empty, {@code type}
 * {@code release}, {@code args} and {@code env} {@code []}, {@code activity} {@code {}}.
 *
 * @param nodeId node id
 * @param network RPC network
 * @param address RPC address
 * @param locality locality string
 * @param serverVersion the binary's cluster-version form ({@code 25.4})
 * @param goVersion e.g. {@code go1.23.12}
 * @param tag the build tag ({@code v25.4.3})
 * @param time the build time ({@code 2026/05/29 12:00:00})
 * @param revision the commit hash
 * @param platform e.g. {@code linux amd64}
 * @param distribution {@code CCL}
 * @param startedAt process start (TIMESTAMP, UTC)
 * @param updatedAt last status update (TIMESTAMP, UTC)
 * @param metrics node metrics JSON object
 */
public record NodeStatusRow(
    long nodeId,
    String network,
    String address,
    String locality,
    String serverVersion,
    String goVersion,
    String tag,
    String time,
    String revision,
    String platform,
    String distribution,
    Instant startedAt,
    Instant updatedAt,
    Map<String, Double> metrics) {
  public NodeStatusRow {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(locality, "locality");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(goVersion, "goVersion");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
  }
}
