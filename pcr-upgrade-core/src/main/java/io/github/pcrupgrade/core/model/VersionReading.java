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

  public static VersionReading observed(ClusterVersion version) {
    return new VersionReading(Provenance.OBSERVED, Objects.requireNonNull(version, "version"), "");
  }

  public static VersionReading inferred(ClusterVersion version, String evidence) {
    return new VersionReading(Provenance.INFERRED, Objects.requireNonNull(version, "version"),
        evidence);
  }

  public static VersionReading unknown(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new VersionReading(Provenance.UNKNOWN, null, reason);
  }

  /** The version when known (observed or inferred). */
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
