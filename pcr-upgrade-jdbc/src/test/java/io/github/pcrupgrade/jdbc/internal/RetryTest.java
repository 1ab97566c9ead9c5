package io.github.pcrupgrade.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryTest {

  private final List<Duration> slept = new ArrayList<>();

  private Retry retry(int attempts, long random) {
    return new Retry(attempts, Duration.ofMillis(50), Duration.ofSeconds(2), slept::add,
        () -> random);
  }

  private static CockroachSqlException failure(SqlErrorKind kind) {
    return new CockroachSqlException(JdbcErrorCode.STATEMENT_FAILED, kind, "40001", "c", null,
        "boom", null);
  }

  @Test
  void retriesASerializationConflictUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();

    String result = retry(4, 7).read(() -> {
      if (calls.incrementAndGet() < 3) {
        throw failure(SqlErrorKind.RETRYABLE);
      }
      return "ok";
    });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(slept).hasSize(2);
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheLastFailure() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retry(3, 0).read(() -> {
      calls.incrementAndGet();
      throw failure(SqlErrorKind.CONNECTION);
    })).isInstanceOf(CockroachSqlException.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void neverRetriesAPermanentFailure() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retry(5, 0).read(() -> {
      calls.incrementAndGet();
      throw failure(SqlErrorKind.AUTHENTICATION);
    })).isInstanceOf(CockroachSqlException.class);
    assertThat(calls).hasValue(1);
    assertThat(slept).isEmpty();
  }

  @Property
  void backoffIsJitteredWithinTheDoublingCap(
      @ForAll @IntRange(min = 1, max = 30) int attempt, @ForAll long random) {
    Duration d = retry(40, random).backoff(attempt);

    long cap = Math.min(Duration.ofSeconds(2).toNanos(),
        Duration.ofMillis(50).toNanos() << Math.min(attempt - 1, 20));
    assertThat(d.toNanos()).isBetween(0L, cap);
  }
}
