package io.github.pcrupgrade.jdbc.journal;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.jdbc.SqlRetry;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal and the per-deployment lease in a PostgreSQL or CockroachDB database, reached
 * through the {@link DataSource} the caller gives (a HikariCP pool, say). The same SQL runs on
 * both. Thread-safe; any number of instances, in any number of processes, may share the tables.
 *
 * <p><b>Tables</b> ({@code <prefix>journal}, {@code <prefix>lease}, {@code <prefix>schema_version},
 * prefix {@code pcr_upgrade_} by default, optionally in a schema) are created on first use with
 * idempotent DDL; see {@code docs/journal.md}.
 *
 * <p><b>Time</b> is the database's: records are stamped with {@code now()} and lease expiry is
 * decided in SQL against {@code now()}, never by this process's clock.
 *
 * <p><b>Lease</b> operations are single atomic statements, so two executors racing for one
 * deployment cannot both win. Acquire takes a missing, expired or released lease with the next
 * generation, renews the caller's own live lease with the same generation, and otherwise fails with
 * {@code LEASE_HELD}. Renew succeeds only when holder and generation match and the lease has not
 * expired by the database's clock, even if nobody has taken it yet; otherwise {@code LEASE_LOST}.
 * Release ends the caller's own live lease and does nothing otherwise.
 *
 * <p><b>Errors:</b> serialization failures ({@code 40001}, routine on CockroachDB) are retried by
 * {@link SqlRetry}; every other {@link SQLException} becomes a {@code PORT_FAILURE} naming the
 * table and the operation, with the exception as the cause.
 */
public final class JdbcUpgradeJournal implements UpgradeJournal {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcUpgradeJournal.class);

  /** The version of the table layout this class writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** The default table name prefix. */
  public static final String DEFAULT_TABLE_PREFIX = "pcr_upgrade_";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_IDENTIFIER_LENGTH = 63;
  private static final String LONGEST_TABLE_SUFFIX = "schema_version";

  private static final Set<SqlErrorKind> RETRY_APPEND =
      EnumSet.of(SqlErrorKind.RETRYABLE, SqlErrorKind.UNIQUE_VIOLATION);
  private static final Set<SqlErrorKind> RETRY_DDL =
      EnumSet.of(SqlErrorKind.RETRYABLE, SqlErrorKind.UNIQUE_VIOLATION,
          SqlErrorKind.ALREADY_EXISTS);

  private final DataSource dataSource;
  private final SqlRetry retry;
  private final String schema;
  private final String journalTable;
  private final String leaseTable;
  private final String versionTable;
  private volatile boolean tablesReady;

  private JdbcUpgradeJournal(Builder b) {
    this.dataSource = b.dataSource;
    this.retry = b.retry;
    this.schema = b.schema;
    String qualifier = b.schema == null ? "" : quote(b.schema) + ".";
    this.journalTable = qualifier + quote(b.tablePrefix + "journal");
    this.leaseTable = qualifier + quote(b.tablePrefix + "lease");
    this.versionTable = qualifier + quote(b.tablePrefix + "schema_version");
  }

  /**
   * A builder for a journal on {@code dataSource}.
   *
   * @param dataSource gives the connections, one per statement, each closed after it (a pool
   *     such as HikariCP); stays the caller's to configure (credentials, TLS) and to close. A
   *     connection handed out outside auto-commit is switched to auto-commit
   * @return a builder with the defaults of {@code docs/journal.md}
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * The journal table's qualified, quoted name, as used in SQL.
   *
   * @return for example {@code "pcr_upgrade_journal"} or {@code "ops"."pcr_upgrade_journal"}
   */
  public String journalTable() {
    return journalTable;
  }

  /**
   * The lease table's qualified, quoted name, as used in SQL.
   *
   * @return for example {@code "pcr_upgrade_lease"} or {@code "ops"."pcr_upgrade_lease"}
   */
  public String leaseTable() {
    return leaseTable;
  }

  /**
   * Creates the schema (when one is configured) and the tables if absent, and checks the stored
   * layout version. Runs by itself on first use; call it at start-up to fail early.
   *
   * @throws PcrUpgradeException {@code PORT_FAILURE} when the DDL fails or the tables were written
   *     by a newer version of this library
   */
  public void createTablesIfAbsent() {
    if (tablesReady) {
      return;
    }
    synchronized (this) {
      if (tablesReady) {
        return;
      }
      List<String> ddl = new ArrayList<>();
      if (schema != null) {
        ddl.add("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
      }
      ddl.addAll(tableDdl(journalTable, leaseTable, versionTable));
      ddl.add("INSERT INTO " + versionTable + " (id, version) VALUES (1, " + SCHEMA_VERSION
          + ") ON CONFLICT (id) DO NOTHING");
      for (String sql : ddl) {
        retry.run("create the journal tables (" + sql + ")", RETRY_DDL, () -> {
          try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(sql);
            return null;
          }
        });
      }
      int version = retry.run("read the layout version from " + versionTable, () -> {
        try (Connection c = connection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT version FROM " + versionTable + " WHERE id = 1")) {
          return rs.next() ? rs.getInt(1) : SCHEMA_VERSION;
        }
      });
      if (version > SCHEMA_VERSION) {
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
            "the journal tables " + journalTable + " and " + leaseTable + " have layout version "
                + version + ", newer than this library's " + SCHEMA_VERSION
                + "; upgrade pcr-upgrade, or configure another table prefix");
      }
      LOG.debug("journal tables {} and {} ready (layout version {})", journalTable, leaseTable,
          version);
      tablesReady = true;
    }
  }

  /** The DDL of the three tables, idempotent; the same text {@code docs/journal.md} shows. */
  static List<String> tableDdl(String journal, String lease, String version) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + version + " ("
            + " id INT NOT NULL PRIMARY KEY CHECK (id = 1),"
            + " version INT NOT NULL,"
            + " installed_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        "CREATE TABLE IF NOT EXISTS " + journal + " ("
            + " deployment_id TEXT NOT NULL,"
            + " seq BIGINT NOT NULL,"
            + " run_id TEXT NOT NULL,"
            + " plan_id TEXT NOT NULL,"
            + " step_id TEXT NOT NULL,"
            + " event TEXT NOT NULL,"
            + " detail TEXT NOT NULL,"
            + " recorded_at TIMESTAMPTZ NOT NULL,"
            + " PRIMARY KEY (deployment_id, seq))",
        "CREATE TABLE IF NOT EXISTS " + lease + " ("
            + " deployment_id TEXT NOT NULL PRIMARY KEY,"
            + " holder_id TEXT NOT NULL,"
            + " generation BIGINT NOT NULL,"
            + " acquired_at TIMESTAMPTZ NOT NULL,"
            + " expires_at TIMESTAMPTZ NOT NULL)");
  }

  @Override
  public JournalRecord append(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    createTablesIfAbsent();
    String sql = "INSERT INTO " + journalTable
        + " (deployment_id, seq, run_id, plan_id, step_id, event, detail, recorded_at)"
        + " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, now() FROM " + journalTable
        + " WHERE deployment_id = ?"
        + " RETURNING seq, recorded_at";
    return retry.run("append to " + journalTable + " for deployment " + entry.deploymentId(),
        RETRY_APPEND, () -> {
          try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, entry.deploymentId());
            ps.setString(2, entry.runId());
            ps.setString(3, entry.planId());
            ps.setString(4, entry.stepId());
            ps.setString(5, entry.event().name());
            ps.setString(6, entry.detail());
            ps.setString(7, entry.deploymentId());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new SQLException("INSERT ... RETURNING returned no row");
              }
              return new JournalRecord(rs.getLong(1), instant(rs, 2), entry);
            }
          }
        });
  }

  @Override
  public List<JournalRecord> history(String deploymentId) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    createTablesIfAbsent();
    String sql = "SELECT seq, recorded_at, run_id, plan_id, step_id, event, detail FROM "
        + journalTable + " WHERE deployment_id = ? ORDER BY seq";
    return retry.run("read " + journalTable + " for deployment " + deploymentId, () -> {
      List<JournalRecord> records = new ArrayList<>();
      try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, deploymentId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            records.add(new JournalRecord(rs.getLong(1), instant(rs, 2),
                new JournalEntry(deploymentId, rs.getString(3), rs.getString(4),
                    rs.getString(5), event(deploymentId, rs.getLong(1), rs.getString(6)),
                    rs.getString(7))));
          }
        }
      }
      return List.copyOf(records);
    });
  }

  @Override
  public Lease acquireLease(String deploymentId, String holderId, Duration ttl) {
    checkArguments(deploymentId, holderId, ttl);
    createTablesIfAbsent();
    String sql = "INSERT INTO " + leaseTable + " AS l"
        + " (deployment_id, holder_id, generation, acquired_at, expires_at)"
        + " VALUES (?, ?, 1, now(), now() + CAST(? AS INTERVAL))"
        + " ON CONFLICT (deployment_id) DO UPDATE SET"
        + " generation = CASE WHEN l.expires_at <= now() THEN l.generation + 1"
        + " ELSE l.generation END,"
        + " acquired_at = CASE WHEN l.expires_at <= now() THEN now() ELSE l.acquired_at END,"
        + " holder_id = excluded.holder_id,"
        + " expires_at = excluded.expires_at"
        + " WHERE l.expires_at <= now() OR l.holder_id = excluded.holder_id"
        + " RETURNING holder_id, generation, expires_at";
    String operation = "acquire the lease in " + leaseTable + " for deployment " + deploymentId;
    // A refusal is checked against a second read; if that lease expired in between, try again.
    for (int attempt = 1; ; attempt++) {
      Optional<Lease> won = retry.run(operation, () -> {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, deploymentId);
          ps.setString(2, holderId);
          ps.setString(3, interval(ttl));
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(new Lease(deploymentId, rs.getString(1), rs.getLong(2),
                    instant(rs, 3)))
                : Optional.<Lease>empty();
          }
        }
      });
      if (won.isPresent()) {
        return won.get();
      }
      Optional<StoredLease> current = read(deploymentId, operation);
      if (current.isPresent() && current.get().live()) {
        StoredLease s = current.get();
        throw new PcrUpgradeException(CoreErrorCode.LEASE_HELD,
            deploymentId + " - lease held by '" + s.holderId + "' (generation " + s.generation
                + ", holding since " + s.acquiredAt + ") until " + s.expiresAt
                + " (database time; now " + s.now + "); another executor is acting on this"
                + " deployment: wait for it to finish, or for the lease to expire if it died");
      }
      if (attempt >= 3) {
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
            "could not " + operation + ": the lease changed under every attempt");
      }
    }
  }

  @Override
  public Lease renewLease(Lease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    checkTtl(ttl);
    createTablesIfAbsent();
    String sql = "UPDATE " + leaseTable + " SET expires_at = now() + CAST(? AS INTERVAL)"
        + " WHERE deployment_id = ? AND holder_id = ? AND generation = ? AND expires_at > now()"
        + " RETURNING expires_at";
    String operation = "renew the lease in " + leaseTable + " for deployment "
        + lease.deploymentId();
    Optional<Instant> renewed = retry.run(operation, () -> {
      try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, interval(ttl));
        ps.setString(2, lease.deploymentId());
        ps.setString(3, lease.holderId());
        ps.setLong(4, lease.generation());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(instant(rs, 1)) : Optional.<Instant>empty();
        }
      }
    });
    if (renewed.isPresent()) {
      return new Lease(lease.deploymentId(), lease.holderId(), lease.generation(), renewed.get());
    }
    Optional<StoredLease> current = read(lease.deploymentId(), operation);
    String what;
    if (current.isEmpty()) {
      what = "no lease exists";
    } else if (current.get().generation != lease.generation()
        || !current.get().holderId.equals(lease.holderId())) {
      what = "it is now held by '" + current.get().holderId + "' with generation "
          + current.get().generation + " until " + current.get().expiresAt;
    } else {
      what = "it expired or was released at " + current.get().expiresAt + " (database time; now "
          + current.get().now + ")";
    }
    throw new PcrUpgradeException(CoreErrorCode.LEASE_LOST,
        lease.deploymentId() + " - lease of '" + lease.holderId() + "' (generation "
            + lease.generation() + ") is lost: " + what
            + "; stop acting on this deployment and re-plan from a fresh inspection");
  }

  @Override
  public void releaseLease(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    createTablesIfAbsent();
    String sql = "UPDATE " + leaseTable + " SET expires_at = now()"
        + " WHERE deployment_id = ? AND holder_id = ? AND generation = ? AND expires_at > now()";
    retry.run("release the lease in " + leaseTable + " for deployment " + lease.deploymentId(),
        () -> {
          try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, lease.deploymentId());
            ps.setString(2, lease.holderId());
            ps.setLong(3, lease.generation());
            return ps.executeUpdate();
          }
        });
  }

  // ----------------------------------------------------------------

  /** A lease row as read, with the database's time at the read. */
  private record StoredLease(
      String holderId, long generation, Instant acquiredAt, Instant expiresAt, Instant now) {
    boolean live() {
      return now.isBefore(expiresAt);
    }
  }

  private Optional<StoredLease> read(String deploymentId, String operation) {
    String sql = "SELECT holder_id, generation, acquired_at, expires_at, now() FROM " + leaseTable
        + " WHERE deployment_id = ?";
    return retry.run(operation, () -> {
      try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, deploymentId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new StoredLease(rs.getString(1), rs.getLong(2), instant(rs, 3),
                  instant(rs, 4), instant(rs, 5)))
              : Optional.<StoredLease>empty();
        }
      }
    });
  }

  private Connection connection() throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    if (t == null) {
      throw new SQLException("column " + column + " is null");
    }
    return t.toInstant();
  }

  private JournalEvent event(String deploymentId, long seq, String name) throws SQLException {
    try {
      return JournalEvent.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new SQLException("record " + seq + " of deployment " + deploymentId + " in "
          + journalTable + " has unknown event '" + name + "'; written by a newer pcr-upgrade?");
    }
  }

  /** The TTL as an interval literal both PostgreSQL and CockroachDB parse, rounded up to 1 ms. */
  static String interval(Duration ttl) {
    long millis = ttl.toMillis() + (ttl.minusMillis(ttl.toMillis()).isZero() ? 0 : 1);
    return millis + " milliseconds";
  }

  private static void checkArguments(String deploymentId, String holderId, Duration ttl) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(holderId, "holderId");
    checkTtl(ttl);
    if (deploymentId.isBlank() || holderId.isBlank()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "deploymentId and holderId must not be blank; pass the deployment's id and a unique"
              + " executor id");
    }
  }

  private static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "ttl must be positive, got " + ttl);
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier + '"';
  }

  /** Configures a {@link JdbcUpgradeJournal}; every setter checks its argument. */
  public static final class Builder {
    private final DataSource dataSource;
    private String schema;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private SqlRetry retry = SqlRetry.defaults();

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The schema holding the tables, created if absent; default none (the connection's search
     * path). Letters, digits and underscores, not starting with a digit, at most 63 characters;
     * quoted in SQL, so case matters.
     *
     * @param schema the schema's name
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a name outside those rules
     */
    public Builder schema(String schema) {
      Objects.requireNonNull(schema, "schema");
      if (!IDENTIFIER.matcher(schema).matches() || schema.length() > MAX_IDENTIFIER_LENGTH) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "schema must be letters, digits and underscores, not starting with a digit, at most "
                + MAX_IDENTIFIER_LENGTH + " characters; got '" + schema + "'");
      }
      this.schema = schema;
      return this;
    }

    /**
     * The prefix of the table names; default {@value #DEFAULT_TABLE_PREFIX}. Letters, digits and
     * underscores, not starting with a digit, empty allowed, at most 49 characters (so that the
     * longest table name fits in 63); quoted in SQL, so case matters. Journals with different
     * prefixes share nothing, leases included.
     *
     * @param tablePrefix the prefix of the three table names
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a prefix outside those rules
     */
    public Builder tablePrefix(String tablePrefix) {
      Objects.requireNonNull(tablePrefix, "tablePrefix");
      int max = MAX_IDENTIFIER_LENGTH - LONGEST_TABLE_SUFFIX.length();
      if (!(tablePrefix.isEmpty() || IDENTIFIER.matcher(tablePrefix).matches())
          || tablePrefix.length() > max) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "tablePrefix must be letters, digits and underscores, not starting with a digit, at"
                + " most " + max + " characters; got '" + tablePrefix + "'");
      }
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * How failed statements are retried; default {@link SqlRetry#defaults()}.
     *
     * @param retry the policy for statements failing with a retryable SQLSTATE (and, for an
     *     append, a lost race for the next sequence number)
     * @return this builder
     */
    public Builder retry(SqlRetry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * The journal. Touches no database: the tables are created on first use.
     *
     * @return a thread-safe journal; call {@link JdbcUpgradeJournal#createTablesIfAbsent()} to
     *     find a wrong URL or a missing privilege at start-up instead of at the first record
     */
    public JdbcUpgradeJournal build() {
      return new JdbcUpgradeJournal(this);
    }
  }
}
