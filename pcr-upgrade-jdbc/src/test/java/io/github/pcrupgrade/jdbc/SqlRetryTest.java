package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class SqlRetryTest {

  private final List<Duration> waits = new ArrayList<>();

  private final SqlRetry retry = SqlRetry.builder()
      .maxAttempts(4)
      .initialBackoff(Duration.ofMillis(10))
      .maxBackoff(Duration.ofMillis(25))
      .sleeper(waits::add)
      .random(() -> 0.5)
      .build();

  @Test
  void retriesASerializationFailureUntilTheWorkSucceeds() {
    AtomicInteger calls = new AtomicInteger();

    String result = retry.run("move the lease", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new PSQLException("restart transaction", PSQLState.SERIALIZATION_FAILURE);
      }
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
    assertThat(waits).containsExactly(Duration.ofNanos(7_500_000), Duration.ofNanos(15_000_000));
  }

  @Test
  void waitsGrowExponentiallyWithinBoundsAndJitter() {
    SqlRetry r = SqlRetry.builder().initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(1)).random(() -> 0.999).build();
    SqlRetry low = SqlRetry.builder().initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(1)).random(() -> 0.0).build();

    for (int attempt = 1; attempt <= 70; attempt++) {
      long cap = Math.min(1000, 100L << Math.min(attempt - 1, 20));
      assertThat(r.backoff(attempt).toMillis()).isBetween(cap / 2, cap);
      assertThat(low.backoff(attempt).toMillis()).isEqualTo(cap / 2);
    }
  }

  @Test
  void retriesALostSessionAtOnceAndBacksOffOnlyWhenTheNextAttemptFailsToo() {
    // Given work whose session was closed under it (08006), then closed again (57P01)
    AtomicInteger calls = new AtomicInteger();

    String result = retry.run("read the nodes", EnumSet.of(SqlErrorKind.CONNECTION), () -> {
      switch (calls.incrementAndGet()) {
        case 1 -> throw new PSQLException("An I/O error occurred while sending to the backend.",
            PSQLState.CONNECTION_FAILURE);
        case 2 -> throw new SQLException("terminating connection due to administrator command",
            "57P01");
        default -> {
          return "rows";
        }
      }
    });

    // Then the second attempt ran at once and only the third waited: the backoff of attempt 2
    // (initial 10 ms doubled, capped at 25 ms: 20 ms, drawn at 0.5 between half and all = 15 ms)
    assertThat(result).isEqualTo("rows");
    assertThat(calls).hasValue(3);
    assertThat(waits).containsExactly(Duration.ofMillis(15));
  }

  @Test
  void aConnectionThatCouldNotBeOpenedWaitsBeforeTheNextAttempt() {
    // Given work that cannot connect at all (08001): the server is not there, nothing was lost
    AtomicInteger calls = new AtomicInteger();

    String result = retry.run("read the nodes", EnumSet.of(SqlErrorKind.CONNECTION), () -> {
      if (calls.incrementAndGet() == 1) {
        throw new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
      }
      return "rows";
    });

    // Then it waited the first backoff (10 ms, drawn at 0.5 between half and all: 7.5 ms)
    assertThat(result).isEqualTo("rows");
    assertThat(waits).containsExactly(Duration.ofNanos(7_500_000));
  }

  @Test
  void givesUpAfterMaxAttemptsWithAPortFailureCarryingTheCause() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retry.run("append to table \"j\"", () -> {
      calls.incrementAndGet();
      throw new PSQLException("restart transaction", PSQLState.SERIALIZATION_FAILURE);
    }))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.PORT_FAILURE))
        .hasMessage("could not append to table \"j\" (SQLSTATE 40001, after 4 attempts):"
            + " restart transaction")
        .hasCauseInstanceOf(PSQLException.class);
    assertThat(calls).hasValue(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void doesNotRetryOtherFailures() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retry.run("read", () -> {
      calls.incrementAndGet();
      throw new PSQLException("syntax error", PSQLState.SYNTAX_ERROR);
    })).hasMessageContaining("SQLSTATE 42601, after 1 attempt)");
    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void decodesTheStateFromChainedExceptions() {
    SQLException outer = new SQLException("batch failed", "XX000");
    outer.setNextException(new PSQLException("conflict", PSQLState.SERIALIZATION_FAILURE));
    SQLException wrapped =
        new SQLException("wrapper", null, new SQLException("deadlock", "40P01"));
    SQLException unknown = new SQLException("other", "42601");

    assertThat(SqlErrorKind.of(outer)).isEqualTo(SqlErrorKind.RETRYABLE);
    assertThat(SqlErrorKind.ofState("40P01")).isEqualTo(SqlErrorKind.RETRYABLE);
    assertThat(SqlErrorKind.of(wrapped)).isEqualTo(SqlErrorKind.RETRYABLE);
    assertThat(SqlErrorKind.of(unknown)).isEqualTo(SqlErrorKind.OTHER);
  }

  @Test
  void retriesARealSerializationFailureFromPostgres() throws Exception {
    // Given two serializable transactions that each read the whole table, then write to it
    try (HikariDataSource pool = Postgres.newPool(3)) {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS retry_skew");
        s.execute("CREATE TABLE retry_skew (v INT NOT NULL)");
        s.execute("INSERT INTO retry_skew VALUES (1)");
      }
      AtomicInteger attempts = new AtomicInteger();
      List<String> states = new ArrayList<>();
      SqlRetry real = SqlRetry.builder().maxAttempts(3).sleeper(waits::add).build();

      // When the first attempt is interleaved with a conflicting committed transaction
      int total = real.run("write the sum", () -> {
        int attempt = attempts.incrementAndGet();
        try (Connection c = pool.getConnection()) {
          c.setAutoCommit(false);
          c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
          try (Statement s = c.createStatement()) {
            int sum = sum(s);
            if (attempt == 1) {
              conflictingTransaction(pool);
            }
            s.executeUpdate("INSERT INTO retry_skew VALUES (" + sum + ")");
            c.commit();
            return sum;
          } catch (SQLException e) {
            states.add(e.getSQLState());
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        }
      });

      // Then PostgreSQL aborted the first attempt with 40001 and the retry succeeded
      assertThat(states).containsExactly("40001");
      assertThat(attempts).hasValue(2);
      assertThat(waits).hasSize(1);
      assertThat(total).isEqualTo(1 + 1);
    }
  }

  private static void conflictingTransaction(HikariDataSource pool) throws SQLException {
    try (Connection other = pool.getConnection()) {
      other.setAutoCommit(false);
      other.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      try (Statement s = other.createStatement()) {
        int sum = sum(s);
        s.executeUpdate("INSERT INTO retry_skew VALUES (" + sum + ")");
        other.commit();
      } finally {
        other.setAutoCommit(true);
      }
    }
  }

  private static int sum(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(v), 0) FROM retry_skew")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
