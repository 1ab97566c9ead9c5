package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.jdbc.internal.Sql;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The failback verdict's {@code failback-lineage} check (crdb-pcr-sql-facts 11.1): is the cluster
 * given as the original primary the one the promoted VC came from? Read-only: {@code SHOW VIRTUAL
 * CLUSTER <vc> WITH PRIOR REPLICATION DETAILS} on the promoted cluster's system VC gives {@code
 * source_id} ({@code "<cluster-uuid>:<tenant-id>"}, recorded at failover); its UUID must equal the
 * original primary system VC's {@code crdb_internal.cluster_id()}. The product refuses a failback
 * from another cluster ({@code requesting cluster ID ... does not match previous source cluster
 * ID ...}, {@code pickReplicationResume}).
 *
 * <p>The option is undocumented and the release that introduced it is UNCONFIRMED: a server that
 * does not know it (a syntax error, {@code 42601}, or {@code 0A000}) gives a WARN saying the
 * lineage was not verified, never a refusal. Nor is anything read where the promoted VC has no
 * recorded source, or where an id cannot be read.
 */
final class FailbackLineageCheck {

  static final String NAME = "failback-lineage";
  static final String FACT = "crdb-pcr-sql-facts 11.1, 2.2";

  private FailbackLineageCheck() {}

  /** What the statement gave for the promoted VC. */
  sealed interface Reading {
    /** The {@code source_id} column (NULL: empty). */
    record SourceId(Optional<String> value) implements Reading {}

    /** The server does not know the option: a syntax error or an unsupported feature. */
    record NotAvailable(String why) implements Reading {}

    /** Any other failure. */
    record Failed(String why) implements Reading {}
  }

  /** Reads {@code source_id} of {@code vc} on the promoted cluster and judges it. */
  static PreflightCheck check(Sql sql, String promoted, String vc, String originalPrimary,
      Optional<UUID> originalPrimaryId) {
    return judge(promoted, vc, originalPrimary, originalPrimaryId, read(sql, promoted, vc));
  }

  static Reading read(Sql sql, String promoted, String vc) {
    try {
      List<Optional<String>> rows = sql.query(VirtualClusterInfo.SYSTEM,
          "read where VC '" + vc + "' replicated from before its failover",
          "SHOW VIRTUAL CLUSTER " + Sql.ident(vc) + " WITH PRIOR REPLICATION DETAILS",
          rs -> Optional.ofNullable(rs.getString("source_id")));
      return new Reading.SourceId(rows.isEmpty() ? Optional.empty() : rows.get(0));
    } catch (CockroachSqlException e) {
      String state = e.sqlState().orElse("");
      if (state.equals("42601") || state.equals("0A000")) {
        return new Reading.NotAvailable("cluster '" + promoted + "' does not know SHOW VIRTUAL"
            + " CLUSTER ... WITH PRIOR REPLICATION DETAILS (SQLSTATE " + state + ")");
      }
      return new Reading.Failed(e.getMessage());
    }
  }

  /** The verdict for what was read. Pure. */
  static PreflightCheck judge(String promoted, String vc, String originalPrimary,
      Optional<UUID> originalPrimaryId, Reading reading) {
    String subject = promoted + "/" + vc;
    String notVerified = "that '" + originalPrimary + "' is the cluster VC '" + vc + "' came from"
        + " was not verified";
    String byHand = "confirm by hand that --primary is the original primary before failing back;"
        + " the product refuses a failback from another cluster ('requesting cluster ID ... does"
        + " not match previous source cluster ID ...')";
    if (reading instanceof Reading.NotAvailable n) {
      return PreflightCheck.warn(NAME, subject, n.why() + " (the release that introduced it is"
          + " UNCONFIRMED); " + notVerified, byHand, FACT);
    }
    if (reading instanceof Reading.Failed f) {
      return PreflightCheck.warn(NAME, subject, "the prior replication details could not be read ("
          + f.why() + "); " + notVerified, byHand, FACT);
    }
    Optional<String> sourceId = ((Reading.SourceId) reading).value();
    if (sourceId.isEmpty()) {
      return PreflightCheck.warn(NAME, subject, "VC '" + vc + "' has no recorded prior"
          + " replication source (source_id is NULL: it was never promoted by a failover); "
          + notVerified, "check that --standby is the promoted cluster and VC '" + vc
          + "' the promoted VC", FACT);
    }
    Optional<UUID> source = uuidOf(sourceId.get());
    if (source.isEmpty()) {
      return PreflightCheck.warn(NAME, subject, "source_id of VC '" + vc + "' does not start with"
          + " a cluster UUID; " + notVerified, byHand, FACT);
    }
    if (originalPrimaryId.isEmpty()) {
      return PreflightCheck.warn(NAME, subject, "the cluster id of '" + originalPrimary + "' could"
          + " not be read; " + notVerified, byHand, FACT);
    }
    if (!source.get().equals(originalPrimaryId.get())) {
      return PreflightCheck.fail(NAME, subject, "VC '" + vc + "' came from cluster "
              + source.get() + " (source_id), but '" + originalPrimary + "' is cluster "
              + originalPrimaryId.get() + ": it is not the original primary, and the product"
              + " refuses the failback ('requesting cluster ID ... does not match previous source"
              + " cluster ID ...')",
          "give the cluster VC '" + vc + "' was promoted from as --primary (its system VC's"
              + " crdb_internal.cluster_id() is " + source.get() + "), or fail back with a full"
              + " replication instead", FACT);
    }
    return PreflightCheck.ok(NAME, subject, "VC '" + vc + "' came from '" + originalPrimary
        + "' (source_id names its cluster id)", FACT);
  }

  /** The UUID before the first {@code ':'} of a {@code source_id}, if it is one. */
  static Optional<UUID> uuidOf(String sourceId) {
    String head = sourceId.trim();
    int colon = head.indexOf(':');
    if (colon >= 0) {
      head = head.substring(0, colon);
    }
    try {
      return Optional.of(UUID.fromString(head.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
