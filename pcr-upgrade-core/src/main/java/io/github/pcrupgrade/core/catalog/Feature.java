package io.github.pcrupgrade.core.catalog;

/**
 * Product features whose availability depends on the series (and for some, the patch) of the
 * binary. {@link SeriesInfo#features()} maps each available feature to the first patch of the
 * series that has it. Sources: crdb-upgrade-facts.md 6.2 and crdb-pcr-sql-facts.md 3.9.
 */
public enum Feature {
  /** PCR in Preview (23.2, new clusters only). */
  PCR_PREVIEW,
  /** PCR Generally Available (24.1+). */
  PCR_GA,
  /** {@code cluster.auto_upgrade.enabled}, the recommended way to pin finalization (23.2+). */
  AUTO_UPGRADE_SETTING,
  /** Replicating from an existing non-virtualized primary (24.1+). */
  NON_VIRTUALIZED_PRIMARY,
  /** Fast failback, {@code ALTER VIRTUAL CLUSTER ... START REPLICATION OF ... ON ...} (24.1+). */
  FAST_FAILBACK,
  /** The reader VC ({@code READ VIRTUAL CLUSTER}, read from standby; 24.3+, Preview). */
  READER_VC,
  /**
   * {@code ALTER VIRTUAL CLUSTER ... SET REPLICATION READ VIRTUAL CLUSTER}, needed to re-create a
   * reader VC on a running stream (24.3.12+, 25.1.6+, 25.2.0+).
   */
  SET_REPLICATION_READ_VC,
  /** "failover" naming: {@code failover_time} and "replication pending failover" (24.3+). */
  FAILOVER_NAMING,
  /** The {@code ingestion_job_id} column after {@code name} in replication status (25.1+). */
  INGESTION_JOB_ID_COLUMN,
  /** The session variable {@code allow_unsafe_internals} gates crdb_internal (25.4+, default on). */
  ALLOW_UNSAFE_INTERNALS,
  /** {@code allow_unsafe_internals} defaults to off (26.1+): sessions must turn it on. */
  UNSAFE_INTERNALS_OFF_BY_DEFAULT
}
