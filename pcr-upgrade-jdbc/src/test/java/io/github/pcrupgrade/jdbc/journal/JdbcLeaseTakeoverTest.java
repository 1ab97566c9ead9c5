package io.github.pcrupgrade.jdbc.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.jdbc.Postgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Executors as separate replicas: each has its own pool and journal instance on one database, as
 * orchestrator replicas in different processes would.
 */
class JdbcLeaseTakeoverTest {

  /** Long enough that B's first try comes before A's lease expires, even on a loaded machine. */
  private static final Duration TTL = Duration.ofSeconds(6);

  private final List<HikariDataSource> pools = new ArrayList<>();
  private String deployment;

  @BeforeEach
  void newDeployment() {
    deployment = "prod-" + UUID.randomUUID();
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  @Test
  void twoExecutorsStartingAtOnceHaveExactlyOneWinnerAndTheOtherIsToldWho() throws Exception {
    // Given two executors with their own pools
    JdbcUpgradeJournal first = replica();
    JdbcUpgradeJournal second = replica();
    first.createTablesIfAbsent();

    // When both ask for the lease at the same moment
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Object> a = threads.submit(() -> attempt(go, first, "exec-a"));
      Future<Object> b = threads.submit(() -> attempt(go, second, "exec-b"));
      go.countDown();
      List<Object> outcomes = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));

      // Then one holds it and the other got LEASE_HELD naming the winner
      List<Lease> winners = outcomes.stream().filter(Lease.class::isInstance)
          .map(Lease.class::cast).toList();
      assertThat(winners).hasSize(1);
      PcrUpgradeException loser = outcomes.stream().filter(PcrUpgradeException.class::isInstance)
          .map(PcrUpgradeException.class::cast).findFirst().orElseThrow();
      assertThat(loser.code()).isEqualTo(CoreErrorCode.LEASE_HELD);
      assertThat(loser.getMessage())
          .contains(deployment + " - lease held by '" + winners.get(0).holderId() + "'")
          .contains("until " + winners.get(0).expiresAt());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aHolderThatStopsRenewingIsTakenOverAfterExpiryAndLosesTheLeaseWhenItComesBack()
      throws Exception {
    // Given executor A holds the lease and then hangs (stops renewing, never releases)
    JdbcUpgradeJournal a = replica();
    JdbcUpgradeJournal b = replica();
    Lease held = a.acquireLease(deployment, "exec-a", TTL);

    // When B keeps trying, it is refused until the lease expires by the database's clock
    Lease taken = null;
    int refusals = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (taken == null && System.nanoTime() < deadline) {
      try {
        taken = b.acquireLease(deployment, "exec-b", Duration.ofMinutes(1));
      } catch (PcrUpgradeException e) {
        assertThat(e.code()).isEqualTo(CoreErrorCode.LEASE_HELD);
        assertThat(e.getMessage()).contains("exec-a");
        refusals++;
        Thread.sleep(100);
      }
    }

    // Then B takes it over with a higher generation, no earlier than A's expiry
    assertThat(taken).as("B took the lease over").isNotNull();
    assertThat(refusals).as("B was refused while A's lease ran").isPositive();
    assertThat(taken.generation()).isGreaterThan(held.generation());
    assertThat(taken.expiresAt().minus(Duration.ofMinutes(1))).isAfterOrEqualTo(held.expiresAt());

    // And A, revived, fails to renew: it must stop
    assertThatThrownBy(() -> a.renewLease(held, TTL))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.LEASE_LOST))
        .hasMessageContaining("now held by 'exec-b' with generation " + taken.generation());
  }

  @Test
  void aSuccessorReadsTheCompleteHistoryInOrderAfterACrash() {
    // Given an executor that appended records, held the lease, and crashed (its pool gone)
    HikariDataSource crashedPool = Postgres.newPool(2);
    JdbcUpgradeJournal crashed = JdbcUpgradeJournal.builder(crashedPool).build();
    Lease lease = crashed.acquireLease(deployment, "exec-a", Duration.ofMinutes(1));
    List<JournalRecord> written = new ArrayList<>();
    written.add(crashed.append(entry(JournalEvent.RUN_STARTED, "", "to 24.3")));
    for (int i = 1; i <= 5; i++) {
      written.add(crashed.append(entry(JournalEvent.STEP_DONE, "s" + i, "step " + i)));
    }
    crashedPool.close();

    // When a successor starts with a new pool and a new journal instance
    JdbcUpgradeJournal successor = replica();

    // Then it reads every record, in order, with the database's times, and waits for the lease
    assertThat(successor.history(deployment)).isEqualTo(written);
    assertThat(written).extracting(JournalRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L,
        6L);
    assertThatThrownBy(() -> successor.acquireLease(deployment, "exec-b", TTL))
        .hasMessageContaining("exec-a")
        .hasMessageContaining("until " + lease.expiresAt());
  }

  @Test
  void tablesCanLiveInTheirOwnSchemaAndCreationIsIdempotent() {
    JdbcUpgradeJournal one = JdbcUpgradeJournal.builder(pool()).schema("Upgrade_Ops")
        .tablePrefix("t_").build();
    JdbcUpgradeJournal two = JdbcUpgradeJournal.builder(pool()).schema("Upgrade_Ops")
        .tablePrefix("t_").build();

    one.createTablesIfAbsent();
    two.createTablesIfAbsent();
    JournalRecord r = one.append(entry(JournalEvent.RUN_STARTED, "", "x"));

    assertThat(one.journalTable()).isEqualTo("\"Upgrade_Ops\".\"t_journal\"");
    assertThat(two.history(deployment)).containsExactly(r);
  }

  @Test
  void identifiersThatCouldInjectSqlAreRefusedNamingTheParameter() {
    JdbcUpgradeJournal.Builder builder = JdbcUpgradeJournal.builder(pool());

    assertThatThrownBy(() -> builder.tablePrefix("x\"; DROP TABLE y; --"))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith("tablePrefix must be letters, digits and underscores");
    assertThatThrownBy(() -> builder.schema("1abc")).hasMessageStartingWith("schema must be");
    assertThatThrownBy(() -> builder.tablePrefix("p".repeat(50)))
        .hasMessageContaining("at most 49 characters");
  }

  @Test
  void aDatabaseFailureIsAPortFailureNamingTheTableAndOperation() {
    // Given a pool pointed at a database that does not exist (the password is a secret)
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(Postgres.server().getJdbcUrl("postgres", "no_such_db"));
    config.setUsername("postgres");
    config.setPassword("s3cret-pw");
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(1000);
    HikariDataSource bad = new HikariDataSource(config);
    pools.add(bad);
    JdbcUpgradeJournal journal = JdbcUpgradeJournal.builder(bad).build();

    assertThatThrownBy(() -> journal.history(deployment))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.PORT_FAILURE))
        .hasMessageContaining("create the journal tables")
        .hasMessageNotContaining("s3cret-pw")
        .hasCauseInstanceOf(java.sql.SQLException.class);
  }

  // ------------------------------------------------------------------ helpers

  private HikariDataSource pool() {
    HikariDataSource pool = Postgres.newPool(4);
    pools.add(pool);
    return pool;
  }

  private JdbcUpgradeJournal replica() {
    return JdbcUpgradeJournal.builder(pool()).build();
  }

  private JournalEntry entry(JournalEvent event, String step, String detail) {
    return new JournalEntry(deployment, "run-1", "plan-1", step, event, detail);
  }

  private Object attempt(CountDownLatch go, JdbcUpgradeJournal journal, String holder)
      throws InterruptedException {
    go.await();
    try {
      return journal.acquireLease(deployment, holder, Duration.ofMinutes(1));
    } catch (PcrUpgradeException e) {
      return e;
    }
  }
}
