package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a simulated server reports about itself. The result shapes of the wire layer (column names,
 * status strings) follow {@link #series()}.
 *
 * @param series the release series of the node binaries serving SQL (decides result shapes)
 * @param buildString the full build string, sent as ParameterStatus {@code crdb_version} and
 *     returned by {@code version()}, e.g. {@code CockroachDB CCL v25.4.3 (x86_64-pc-linux-gnu, built
 *     2026/05/29 12:00:00, go1.23.12)}
 * @param nodeExecutableVersion what {@code crdb_internal.node_executable_version()} returns, the
 *     binary's cluster-version form without patch (e.g. {@code 25.4})
 * @param unsafeInternalsGate whether {@code allow_unsafe_internals} exists and its session default
 */
public record ServerInfo(
    ReleaseSeries series,
    String buildString,
    String nodeExecutableVersion,
    UnsafeInternalsGate unsafeInternalsGate) {

  private static final Pattern TAG = Pattern.compile("v(\\d+)\\.(\\d+)\\.\\d+(-[0-9A-Za-z.-]+)?");
  private static final ReleaseSeries FAILOVER_NAMING = ReleaseSeries.of(24, 3);
  private static final ReleaseSeries INGESTION_JOB_ID = ReleaseSeries.of(25, 1);
  private static final ReleaseSeries REPLICATION_LAG_LAYOUT = ReleaseSeries.of(24, 1);

  public ServerInfo {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(buildString, "buildString");
    Objects.requireNonNull(nodeExecutableVersion, "nodeExecutableVersion");
    Objects.requireNonNull(unsafeInternalsGate, "unsafeInternalsGate");
  }

  /**
   * A server running the release {@code buildTag} ({@code v25.4.3}, {@code v24.3.0-rc.1}), with the
   * build string {@code CockroachDB CCL <tag> (x86_64-pc-linux-gnu, built 2026/05/29 12:00:00,
   * go1.23.12)} and the gate of its series.
   *
   * @throws IllegalArgumentException if {@code buildTag} is not {@code vYY.R.P[-suffix]}
   */
  public static ServerInfo forBuildTag(String buildTag) {
    Matcher m = TAG.matcher(Objects.requireNonNull(buildTag, "buildTag"));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "buildTag must look like 'v25.4.3' or 'v24.3.0-rc.1', got '" + buildTag + "'");
    }
    ReleaseSeries series =
        ReleaseSeries.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    return new ServerInfo(
        series,
        "CockroachDB CCL " + buildTag + " (x86_64-pc-linux-gnu, built 2026/05/29 12:00:00, go1.23.12)",
        series.toString(),
        UnsafeInternalsGate.forSeries(series));
  }

  /** True from 24.3: {@code failover_time} rather than {@code cutover_time}. */
  public boolean usesFailoverNaming() {
    return series.withoutDevOffset().isAtLeast(FAILOVER_NAMING);
  }

  /**
   * True from 25.1: {@code ingestion_job_id} follows {@code name} in the replication status. Its
   * position in 25.1 is UNCONFIRMED (documented after {@code name} from 25.2); we assume the same.
   */
  public boolean showsIngestionJobId() {
    return series.withoutDevOffset().isAtLeast(INGESTION_JOB_ID);
  }

  /** True from 24.1: the replication status layout with {@code replication_lag} and {@code status}. */
  public boolean showsReplicationLag() {
    return series.withoutDevOffset().isAtLeast(REPLICATION_LAG_LAYOUT);
  }
}
