package io.github.pcrupgrade.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What was read of one cluster's licence (crdb-pcr-sql-facts 11.3): the licence's type and expiry
 * (never the key), or none installed, and the VCs where telemetry ({@code
 * diagnostics.reporting.enabled}) is off. A licence that could not be read is not a {@code
 * ClusterLicence}: the snapshot then has none.
 *
 * @param licence the installed licence, or empty when none is installed (an empty setting)
 * @param telemetryOffIn the VCs whose {@code diagnostics.reporting.enabled} was read as false
 */
public record ClusterLicence(Optional<Licence> licence, Set<String> telemetryOffIn) {

  /**
   * Copies the set.
   *
   * @param licence not null; may be empty
   * @param telemetryOffIn not null; may be empty
   */
  public ClusterLicence {
    Objects.requireNonNull(telemetryOffIn, "telemetryOffIn");
    Objects.requireNonNull(licence, "licence");
    telemetryOffIn = Set.copyOf(telemetryOffIn);
  }

  /**
   * No licence installed; telemetry on everywhere it was read.
   *
   * @return a reading with no licence and an empty {@link #telemetryOffIn()}
   */
  public static ClusterLicence none() {
    return new ClusterLicence(Optional.empty(), Set.of());
  }

  /**
   * This licence installed; telemetry on everywhere it was read.
   *
   * @param licence the installed licence
   * @return a reading with that licence and an empty {@link #telemetryOffIn()}
   */
  public static ClusterLicence of(Licence licence) {
    Objects.requireNonNull(licence, "licence");
    return new ClusterLicence(Optional.of(licence), Set.of());
  }

  /**
   * This reading with telemetry off in these VCs.
   *
   * @param vcs the VC names, replacing (not adding to) {@link #telemetryOffIn()}
   * @return the copy
   */
  public ClusterLicence withTelemetryOffIn(Set<String> vcs) {
    return new ClusterLicence(licence, vcs);
  }
}
