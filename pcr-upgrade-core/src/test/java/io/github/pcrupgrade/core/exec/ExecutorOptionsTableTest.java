package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every option of ExecutorOptions' documented table: its default, both of its limits accepted,
 * a value just past each refused with INVALID_ARGUMENT naming the option, and the checks across
 * options made by build().
 */
class ExecutorOptionsTableTest {

  private record Row(String name, Duration min, Duration max, Duration byDefault,
      BiFunction<ExecutorOptions.Builder, Duration, ExecutorOptions.Builder> set,
      Function<ExecutorOptions, Duration> get) {}

  private static final Duration NANO = Duration.ofNanos(1);

  private static final List<Row> TABLE = List.of(
      new Row("nodeRestartTimeout", Duration.ofSeconds(1), Duration.ofHours(24),
          Duration.ofMinutes(15), ExecutorOptions.Builder::nodeRestartTimeout,
          ExecutorOptions::nodeRestartTimeout),
      new Row("finalizationTimeout", Duration.ofSeconds(1), Duration.ofHours(48),
          Duration.ofMinutes(60), ExecutorOptions.Builder::finalizationTimeout,
          ExecutorOptions::finalizationTimeout),
      new Row("replicationTimeout", Duration.ofSeconds(1), Duration.ofHours(24),
          Duration.ofMinutes(30), ExecutorOptions.Builder::replicationTimeout,
          ExecutorOptions::replicationTimeout),
      new Row("readerVcTimeout", Duration.ofSeconds(1), Duration.ofHours(24),
          Duration.ofMinutes(30), ExecutorOptions.Builder::readerVcTimeout,
          ExecutorOptions::readerVcTimeout),
      new Row("settingTimeout", Duration.ofSeconds(1), Duration.ofHours(1),
          Duration.ofMinutes(2), ExecutorOptions.Builder::settingTimeout,
          ExecutorOptions::settingTimeout),
      new Row("healthTimeout", Duration.ZERO, Duration.ofHours(24), Duration.ofMinutes(10),
          ExecutorOptions.Builder::healthTimeout, ExecutorOptions::healthTimeout),
      new Row("settleTime", Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(60),
          ExecutorOptions.Builder::settleTime, ExecutorOptions::settleTime),
      new Row("maxReplicationLag", Duration.ofSeconds(1), Duration.ofHours(24),
          Duration.ofMinutes(5), ExecutorOptions.Builder::maxReplicationLag,
          ExecutorOptions::maxReplicationLag),
      new Row("leaseWait", Duration.ZERO, Duration.ofHours(1), Duration.ZERO,
          ExecutorOptions.Builder::leaseWait, ExecutorOptions::leaseWait),
      new Row("stopGrace", Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30),
          ExecutorOptions.Builder::stopGrace, ExecutorOptions::stopGrace),
      new Row("resendAfter", Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(2),
          ExecutorOptions.Builder::resendAfter, ExecutorOptions::resendAfter));

  private static void refused(Row r, Duration d) {
    assertThatThrownBy(() -> r.set().apply(ExecutorOptions.builder(), d))
        .as("%s = %s", r.name(), d)
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessage(r.name() + " must be between " + r.min() + " and " + r.max() + ", got " + d);
  }

  @Test
  void eachOptionHasItsDocumentedDefault() {
    ExecutorOptions o = ExecutorOptions.defaults();
    for (Row r : TABLE) {
      assertThat(r.get().apply(o)).as(r.name()).isEqualTo(r.byDefault());
    }
    assertThat(o.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.maxPollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.leaseTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.requireApproval()).isFalse();
    assertThat(o.stopBeforeFinalization()).isFalse();
    assertThat(o.fullSnapshotEvery()).isEqualTo(10);
  }

  @Test
  void eachOptionAcceptsBothItsLimitsAndRefusesPastThem() {
    for (Row r : TABLE) {
      assertThat(r.get().apply(r.set().apply(ExecutorOptions.builder(), r.min()).build()))
          .as(r.name()).isEqualTo(r.min());
      assertThat(r.get().apply(r.set().apply(ExecutorOptions.builder(), r.max()).build()))
          .as(r.name()).isEqualTo(r.max());
      refused(r, r.min().minus(NANO));
      refused(r, r.max().plus(NANO));
      assertThatThrownBy(() -> r.set().apply(ExecutorOptions.builder(), null))
          .as(r.name()).isInstanceOf(NullPointerException.class).hasMessage(r.name());
    }
  }

  @Test
  void thePollIntervalsAndTheLeaseHaveTheirLimits() {
    Row poll = new Row("pollInterval", Duration.ofMillis(10), Duration.ofMinutes(5),
        Duration.ofSeconds(1), ExecutorOptions.Builder::pollInterval,
        ExecutorOptions::pollInterval);
    Row maxPoll = new Row("maxPollInterval", Duration.ofMillis(10), Duration.ofMinutes(10),
        null, ExecutorOptions.Builder::maxPollInterval, ExecutorOptions::maxPollInterval);
    Row lease = new Row("leaseTtl", Duration.ofSeconds(5), Duration.ofHours(1), null,
        ExecutorOptions.Builder::leaseTtl, ExecutorOptions::leaseTtl);
    for (Row r : List.of(poll, maxPoll, lease)) {
      refused(r, r.min().minus(NANO));
      refused(r, r.max().plus(NANO));
    }
    assertThat(ExecutorOptions.builder().pollInterval(Duration.ofMillis(10)).build()
        .pollInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(ExecutorOptions.builder().pollInterval(Duration.ofMinutes(5))
        .leaseTtl(Duration.ofMinutes(11)).build().pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(ExecutorOptions.builder().leaseTtl(Duration.ofSeconds(5)).build().leaseTtl())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(ExecutorOptions.builder().leaseTtl(Duration.ofHours(1))
        .maxPollInterval(Duration.ofMinutes(10)).build().maxPollInterval())
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theMaxPollIntervalDefaultsToTwicePollIntervalAndMayEqualIt() {
    assertThat(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(3)).build()
        .maxPollInterval()).isEqualTo(Duration.ofSeconds(6));
    assertThat(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(3))
        .maxPollInterval(Duration.ofSeconds(3)).build().maxPollInterval())
        .isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> ExecutorOptions.builder().pollInterval(Duration.ofSeconds(3))
        .maxPollInterval(Duration.ofSeconds(2)).build())
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith("maxPollInterval (PT2S) must not be below pollInterval (PT3S)");
  }

  @Test
  void aLeaseNoLongerThanTheLongestPollIsRefused() {
    assertThatThrownBy(() -> ExecutorOptions.builder().leaseTtl(Duration.ofSeconds(10))
        .maxPollInterval(Duration.ofSeconds(10)).build())
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith("leaseTtl (PT10S) must be longer than maxPollInterval (PT10S)");
    assertThat(ExecutorOptions.builder().leaseTtl(Duration.ofSeconds(10))
        .maxPollInterval(Duration.ofMillis(9999)).build().leaseTtl())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theSwitchesAndTheSnapshotCadenceAreKept() {
    ExecutorOptions o = ExecutorOptions.builder().requireApproval(true)
        .stopBeforeFinalization(true).fullSnapshotEvery(1000).build();
    assertThat(o.requireApproval()).isTrue();
    assertThat(o.stopBeforeFinalization()).isTrue();
    assertThat(o.fullSnapshotEvery()).isEqualTo(1000);
    assertThat(ExecutorOptions.builder().fullSnapshotEvery(1).build().fullSnapshotEvery())
        .isEqualTo(1);
    assertThatThrownBy(() -> ExecutorOptions.builder().fullSnapshotEvery(1001))
        .isInstanceOf(PcrUpgradeException.class).hasMessageContaining("got 1001");
  }
}
