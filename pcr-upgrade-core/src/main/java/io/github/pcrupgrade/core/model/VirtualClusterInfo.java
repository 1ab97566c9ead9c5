package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One virtual cluster (VC) of a cluster as an inspector observed it.
 *
 * @param id the VC id (1 for {@code system})
 * @param name the VC name, matching the product's pattern {@value #NAME_PATTERN}
 * @param kind system, application or reader
 * @param dataState the data state
 * @param serviceMode the service mode
 * @param version the VC's cluster version and how it was obtained
 * @param settings the VC's finalization settings; empty when they cannot be read (the
 *     replicating VC accepts no SQL)
 * @param replication the replication status, present exactly for a VC that is ingesting a stream
 *     (the standby's replicating VC)
 */
public record VirtualClusterInfo(
    long id,
    String name,
    VcKind kind,
    DataState dataState,
    ServiceMode serviceMode,
    VersionReading version,
    Optional<FinalizationSettings> settings,
    Optional<ReplicationInfo> replication) {

  /** The product's VC name pattern (crdb-pcr-sql-facts.md 1.1). */
  public static final String NAME_PATTERN = "^[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?$";

  /** The suffix the product appends to the replicating VC's name to name its reader VC. */
  public static final String READER_SUFFIX = "-readonly";

  /** The name of the system VC. */
  public static final String SYSTEM = "system";

  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

  /**
   * Checks the name and that the kind fits the name and the replication.
   *
   * @param id the VC id
   * @param name matching {@value #NAME_PATTERN}; {@code system} exactly for the SYSTEM kind
   * @param kind not null
   * @param dataState not null
   * @param serviceMode not null
   * @param version not null
   * @param settings not null; may be empty
   * @param replication not null; present only for an APPLICATION VC
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a component breaks its rule above
   */
  public VirtualClusterInfo {
    requireValidName(name);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dataState, "dataState");
    Objects.requireNonNull(serviceMode, "serviceMode");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(replication, "replication");
    if ((kind == VcKind.SYSTEM) != name.equals(SYSTEM)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "the VC named '" + name + "' has kind " + kind + ": exactly the VC named 'system' is"
              + " the SYSTEM VC");
    }
    if (replication.isPresent() && kind != VcKind.APPLICATION) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "VC '" + name + "' of kind " + kind + " cannot carry a replication stream; only an"
              + " APPLICATION VC replicates");
    }
  }

  /**
   * Checks a VC name against the product's pattern.
   *
   * @param name the name to check; null is refused like a bad name
   * @return the name
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the rule when it does not match
   */
  public static String requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "invalid virtual cluster name " + (name == null ? "null" : "'" + name + "'")
              + ": names are 1-100 characters of a-z, 0-9 and '-', not starting or ending with"
              + " '-'");
    }
    return name;
  }

  /**
   * The reader VC name the product gives a replicating VC's reader.
   *
   * @param replicatingVc the replicating VC's name ({@code main})
   * @return {@code <name>-readonly} ({@code main-readonly}); not checked against the pattern
   */
  public static String readerNameFor(String replicatingVc) {
    Objects.requireNonNull(replicatingVc, "replicatingVc");
    return replicatingVc + READER_SUFFIX;
  }

  /**
   * Whether this is a replicating VC, ingesting a stream.
   *
   * @return true when {@link #replication()} is present
   */
  public boolean isReplicating() {
    return replication.isPresent();
  }

  /**
   * Whether the VC serves SQL.
   *
   * @return true for service mode SHARED or EXTERNAL
   */
  public boolean isServing() {
    return serviceMode == ServiceMode.SHARED || serviceMode == ServiceMode.EXTERNAL;
  }

  /**
   * A copy with another version reading.
   *
   * @param newVersion the reading
   * @return the copy
   */
  public VirtualClusterInfo withVersion(VersionReading newVersion) {
    return new VirtualClusterInfo(
        id, name, kind, dataState, serviceMode, newVersion, settings, replication);
  }

  /**
   * A copy with other finalization settings.
   *
   * @param newSettings the settings
   * @return the copy, its {@link #settings()} present
   */
  public VirtualClusterInfo withSettings(FinalizationSettings newSettings) {
    Objects.requireNonNull(newSettings, "newSettings");
    return new VirtualClusterInfo(
        id, name, kind, dataState, serviceMode, version, Optional.of(newSettings), replication);
  }

  /**
   * A copy with another data state and service mode.
   *
   * @param newDataState the data state
   * @param newServiceMode the service mode
   * @return the copy
   */
  public VirtualClusterInfo withState(DataState newDataState, ServiceMode newServiceMode) {
    Objects.requireNonNull(newDataState, "newDataState");
    Objects.requireNonNull(newServiceMode, "newServiceMode");
    return new VirtualClusterInfo(
        id, name, kind, newDataState, newServiceMode, version, settings, replication);
  }

  /**
   * A copy with another replication status.
   *
   * @param newReplication the status; empty once the stream has ended
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a stream on a VC that is not an
   *     APPLICATION VC
   */
  public VirtualClusterInfo withReplication(Optional<ReplicationInfo> newReplication) {
    return new VirtualClusterInfo(
        id, name, kind, dataState, serviceMode, version, settings, newReplication);
  }
}
