package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a served simulated cluster answers about its administration, beyond the upgrade state the
 * deployment models: the licence and telemetry settings (crdb-pcr-sql-facts 11.3), and whether
 * crdb_internal stays refused even with {@code allow_unsafe_internals} on. Immutable; give one per
 * cluster to {@link SimulatedPcrServer.Builder#administration}.
 *
 * <p>Modelled: the values of {@code enterprise.license} (system-visible: readable from every VC)
 * and {@code diagnostics.reporting.enabled} (per VC), read and set by SQL. Not modelled: the
 * product's throttling ({@code XXC02}) and the 24.3 finalization precondition that these settings
 * drive; the rules and preflight judge them from the values read.
 *
 * @param licence the installed licence, or empty for none (an empty {@code enterprise.license})
 * @param telemetry the default of {@code diagnostics.reporting.enabled} in every VC
 * @param refuseUnsafeInternals when true, every crdb_internal read of the inspector answers the
 *     gate's {@code 42501} even when the session set {@code allow_unsafe_internals}: a model of a
 *     cluster that refuses the variable (how a real cluster can do so is UNCONFIRMED,
 *     crdb-pcr-sql-facts 9.4; the error text is the gate's)
 * @param runningJobs jobs that {@code SHOW JOBS} lists as running in their VC besides the
 *     cluster's own replication jobs: long-running schema changes and migrations (11.4)
 * @param priorReplicationDetails whether {@code SHOW VIRTUAL CLUSTER ... WITH PRIOR REPLICATION
 *     DETAILS} is known (default: from 24.1, the release of fast failback; the release that
 *     introduced it is UNCONFIRMED, 11.1); false answers {@code 42601} as a parser without it
 * @param sourceClusterUri what {@code source_cluster_uri} shows for every stream into this
 *     cluster instead of the default (the source's first served endpoint, {@code
 *     postgresql://replication@127.0.0.1:<port>/defaultdb?...}, as an operator who set the stream
 *     up with the addresses the clients use would see it): another host, a redacted URI, an
 *     {@code external://} connection (11.1)
 */
public record ClusterAdministration(
    Optional<Licence> licence, boolean telemetry, boolean refuseUnsafeInternals,
    List<RunningJob> runningJobs, boolean priorReplicationDetails,
    Optional<String> sourceClusterUri) {

  /** The expiry of the default licence: far after any simulated start. */
  public static final Instant DEFAULT_LICENCE_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

  /**
   * Copies the running jobs.
   *
   * @param licence the installed licence, or empty for none
   * @param telemetry the default of {@code diagnostics.reporting.enabled} in every VC
   * @param refuseUnsafeInternals whether crdb_internal stays refused with {@code
   *     allow_unsafe_internals} on
   * @param runningJobs jobs {@code SHOW JOBS} lists as running besides replication
   * @param priorReplicationDetails whether {@code WITH PRIOR REPLICATION DETAILS} is known
   * @param sourceClusterUri the {@code source_cluster_uri} shown for streams into this cluster, or
   *     empty for the source's first served endpoint
   * @throws NullPointerException if {@code licence}, {@code runningJobs} (or one of its jobs) or
   *     {@code sourceClusterUri} is null
   */
  public ClusterAdministration {
    Objects.requireNonNull(runningJobs, "runningJobs");
    Objects.requireNonNull(licence, "licence");
    runningJobs = List.copyOf(runningJobs);
    Objects.requireNonNull(sourceClusterUri, "sourceClusterUri");
  }

  /**
   * The default: an Enterprise licence valid until 2099, telemetry on, internals per the gate.
   *
   * @return an Enterprise licence expiring at {@link #DEFAULT_LICENCE_EXPIRY}, telemetry on,
   *     {@code allow_unsafe_internals} honoured, no running jobs, {@code WITH PRIOR REPLICATION
   *     DETAILS} known, the default {@code source_cluster_uri}
   */
  public static ClusterAdministration defaults() {
    return new ClusterAdministration(
        Optional.of(new Licence(LicenceType.ENTERPRISE, DEFAULT_LICENCE_EXPIRY)), true, false,
        List.of(), true, Optional.empty());
  }

  /**
   * This with another licence ({@code null} for none).
   *
   * @param newLicence the licence {@code enterprise.license} shows, or {@code null} for an empty one
   * @return a copy with that licence
   */
  public ClusterAdministration withLicence(Licence newLicence) {
    return new ClusterAdministration(Optional.ofNullable(newLicence), telemetry,
        refuseUnsafeInternals, runningJobs, priorReplicationDetails, sourceClusterUri);
  }

  /**
   * This with telemetry on or off in every VC.
   *
   * @param on the default of {@code diagnostics.reporting.enabled} in every VC
   * @return a copy with that default
   */
  public ClusterAdministration withTelemetry(boolean on) {
    return new ClusterAdministration(licence, on, refuseUnsafeInternals, runningJobs,
        priorReplicationDetails, sourceClusterUri);
  }

  /**
   * This with crdb_internal refused even when {@code allow_unsafe_internals} is on.
   *
   * @return a copy whose inspector reads of crdb_internal answer {@code 42501}
   */
  public ClusterAdministration refusingUnsafeInternals() {
    return new ClusterAdministration(licence, telemetry, true, runningJobs,
        priorReplicationDetails, sourceClusterUri);
  }

  /**
   * This with {@code job} running as well.
   *
   * @param job a job {@code SHOW JOBS} lists as running in its VC
   * @return a copy with that job after the jobs already listed
   * @throws NullPointerException if {@code job} is null
   */
  public ClusterAdministration withRunningJob(RunningJob job) {
    List<RunningJob> all = new java.util.ArrayList<>(runningJobs);
    all.add(Objects.requireNonNull(job, "job"));
    return new ClusterAdministration(licence, telemetry, refuseUnsafeInternals, all,
        priorReplicationDetails, sourceClusterUri);
  }

  /**
   * This as a release without {@code WITH PRIOR REPLICATION DETAILS}: the statement answers
   * {@code 42601}, as a parser that does not know the option (text UNCONFIRMED).
   *
   * @return a copy without {@code WITH PRIOR REPLICATION DETAILS}
   */
  public ClusterAdministration withoutPriorReplicationDetails() {
    return new ClusterAdministration(licence, telemetry, refuseUnsafeInternals, runningJobs,
        false, sourceClusterUri);
  }

  /**
   * This with {@code uri} as the {@code source_cluster_uri} of every stream into this cluster. Give it as the product shows it: the newest source replaces the
   * password and the query string by {@code redacted} and shows an external connection as {@code
   * external://<name>} (crdb-pcr-sql-facts 11.1).
   *
   * @param uri the text to show, as the product would show it
   * @return a copy showing {@code uri} for every stream into this cluster
   * @throws NullPointerException if {@code uri} is null
   */
  public ClusterAdministration withSourceClusterUri(String uri) {
    return new ClusterAdministration(licence, telemetry, refuseUnsafeInternals, runningJobs,
        priorReplicationDetails, Optional.of(Objects.requireNonNull(uri, "uri")));
  }
}
