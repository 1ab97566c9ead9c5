package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * One virtual cluster as {@code SHOW VIRTUAL CLUSTERS} sees it. The wire layer prints {@code
 * data_state} as the replication status when the VC has a consumer job and its data state is
 * {@link DataState#ADD}, as CockroachDB does.
 *
 * @param id the tenant id (1 for the system VC)
 * @param name the VC's name
 * @param dataState its data state
 * @param serviceMode its service mode
 * @param replication its replication consumer job, if it has one
 */
public record VirtualClusterRow(
    long id,
    String name,
    DataState dataState,
    ServiceMode serviceMode,
    Optional<ReplicationInfo> replication) {
  public VirtualClusterRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataState, "dataState");
    Objects.requireNonNull(serviceMode, "serviceMode");
    Objects.requireNonNull(replication, "replication");
  }
}
