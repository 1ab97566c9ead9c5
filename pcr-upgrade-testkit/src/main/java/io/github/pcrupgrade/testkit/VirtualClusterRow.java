package io.github.pcrupgrade.testkit;

import java.util.Objects;

/**
 * One row of {@code SHOW VIRTUAL CLUSTERS} (columns {@code id, name, data_state, service_mode}),
 * with the strings exactly as the product prints them: a VC with a running consumer job shows its
 * replication status ({@code replicating}) as its data state (crdb-pcr-sql-facts.md 2.4).
 */
public record VirtualClusterRow(long id, String name, String dataState, String serviceMode) {
  public VirtualClusterRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataState, "dataState");
    Objects.requireNonNull(serviceMode, "serviceMode");
  }
}
