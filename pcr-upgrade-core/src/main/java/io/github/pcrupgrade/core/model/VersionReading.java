package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster version of a VC together with how it was obtained. The standby's replicating VC
 * accepts no SQL, so its version is inferred (from the primary app VC and the replicated time) or
 * unknown, never a silent default.
 *
 * @param provenance how the version was obtained
 * @param version the version; null exactly when {@code provenance} is UNKNOWN
 * @param evidence for INFERRED and UNKNOWN, what the inference rests on or why it is unknown;
 *     empty for OBSERVED
 */
public record VersionReading(Provenance provenance, ClusterVersion version, String evidence) {

  /**
   * Checks that the version and the evidence fit the provenance.
   *
   * @param provenance not null
   * @param version null exactly when {@code provenance} is UNKNOWN
   * @param evidence not null; not blank for INFERRED and UNKNOWN
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a component breaks its rule above
   */
  public VersionReading {
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(evidence, "evidence");
    if ((version == null) != (provenance == Provenance.UNKNOWN)) {
      throw invalid("a version reading has a version exactly when it is not UNKNOWN, got "
          + provenance + (version == null ? " without a version" : " with version " + version));
    }
    if (provenance != Provenance.OBSERVED && evidence.isBlank()) {
      throw invalid("an " + provenance + " version reading must state its evidence (what it rests"
          + " on, or why the version is unknown)");
    }
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, message);
  }

  /**
   * A version read from the VC itself.
   *
   * @param version the version as read
   * @return an OBSERVED reading with empty evidence
   */
  public static VersionReading observed(ClusterVersion version) {
    return new VersionReading(Provenance.OBSERVED, Objects.requireNonNull(version, "version"), "");
  }

  /**
   * A version inferred rather than read.
   *
   * @param version the inferred version
   * @param evidence what the inference rests on; not blank
   * @return an INFERRED reading
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for blank evidence
   */
  public static VersionReading inferred(ClusterVersion version, String evidence) {
    return new VersionReading(Provenance.INFERRED, Objects.requireNonNull(version, "version"),
        evidence);
  }

  /**
   * A version that could not be obtained.
   *
   * @param reason why it is unknown; not blank
   * @return an UNKNOWN reading without a version
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a blank reason
   */
  public static VersionReading unknown(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new VersionReading(Provenance.UNKNOWN, null, reason);
  }

  /**
   * The version when known.
   *
   * @return the version when OBSERVED or INFERRED; empty when UNKNOWN
   */
  public Optional<ClusterVersion> known() {
    return Optional.ofNullable(version);
  }

  @Override
  public String toString() {
    return switch (provenance) {
      case OBSERVED -> version.toString();
      case INFERRED -> version + " (inferred: " + evidence + ")";
      case UNKNOWN -> "unknown (" + evidence + ")";
    };
  }
}
