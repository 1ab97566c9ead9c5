package io.github.pcrupgrade.testkit;

import java.util.Objects;

/**
 * One row of {@code SHOW VIRTUAL CLUSTERS} (columns {@code id, name, data_state, service_mode}),
 * with the strings exactly as the product prints them: a VC with a running consumer job shows its
 * replication status ({@code replicating}) as its data state (crdb-pcr-sql-facts.md 2.4).
 *
 * @param id {@code id}, the VC id (1 for {@code system})
 * @param name {@code name}
 * @param dataState {@code data_state}, as printed ({@code ready}, {@code replicating}, ...)
 * @param serviceMode {@code service_mode}, as printed ({@code none}, {@code shared}, ...)
 */
public record VirtualClusterRow(long id, String name, String dataState, String serviceMode) {
  /**
   * Checks that no string is null.
   *
   * @param id {@code id}
   * @param name {@code name}
   * @param dataState {@code data_state}
   * @param serviceMode {@code service_mode}
   * @throws NullPointerException if a string component is null
   */
  public VirtualClusterRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataState, "dataState");
    Objects.requireNonNull(serviceMode, "serviceMode");
  }
}
