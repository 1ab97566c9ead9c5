package io.github.pcrupgrade.testkit.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutorOptionsTest {

  private static Arguments option(String name, BiConsumer<ExecutorOptions.Builder, Duration> set,
      Duration below, Duration above) {
    return Arguments.of(name, set, below, above);
  }

  static Stream<Arguments> limits() {
    return Stream.of(
        option("pollInterval", ExecutorOptions.Builder::pollInterval, Duration.ofMillis(9),
            Duration.ofMinutes(6)),
        option("maxPollInterval", ExecutorOptions.Builder::maxPollInterval,
            Duration.ofMillis(9), Duration.ofMinutes(11)),
        option("nodeRestartTimeout", ExecutorOptions.Builder::nodeRestartTimeout,
            Duration.ofMillis(999), Duration.ofHours(25)),
        option("finalizationTimeout", ExecutorOptions.Builder::finalizationTimeout,
            Duration.ofMillis(999), Duration.ofHours(49)),
        option("replicationTimeout", ExecutorOptions.Builder::replicationTimeout,
            Duration.ofMillis(999), Duration.ofHours(25)),
        option("readerVcTimeout", ExecutorOptions.Builder::readerVcTimeout,
            Duration.ofMillis(999), Duration.ofHours(25)),
        option("settingTimeout", ExecutorOptions.Builder::settingTimeout,
            Duration.ofMillis(999), Duration.ofMinutes(61)),
        option("healthTimeout", ExecutorOptions.Builder::healthTimeout, Duration.ofMillis(-1),
            Duration.ofHours(25)),
        option("settleTime", ExecutorOptions.Builder::settleTime, Duration.ofMillis(-1),
            Duration.ofMinutes(61)),
        option("maxReplicationLag", ExecutorOptions.Builder::maxReplicationLag,
            Duration.ofMillis(999), Duration.ofHours(25)),
        option("leaseTtl", ExecutorOptions.Builder::leaseTtl, Duration.ofSeconds(4),
            Duration.ofMinutes(61)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void rejectsValuesOutsideTheLimitsNamingTheOption(String name,
      BiConsumer<ExecutorOptions.Builder, Duration> set, Duration below, Duration above) {
    for (Duration bad : new Duration[] {below, above}) {
      // When
      PcrUpgradeException e = catchThrowableOfType(
          () -> set.accept(ExecutorOptions.builder(), bad), PcrUpgradeException.class);

      // Then
      assertThat(e).as(name + " = " + bad).isNotNull();
      assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith(name + " must be between").contains(bad.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void rejectsNullNamingTheOption(String name,
      BiConsumer<ExecutorOptions.Builder, Duration> set, Duration below, Duration above) {
    NullPointerException e = catchThrowableOfType(
        () -> set.accept(ExecutorOptions.builder(), null), NullPointerException.class);

    assertThat(e).hasMessage(name);
  }

  @Test
  void rejectsAMaxPollIntervalBelowThePollInterval() {
    // Given
    ExecutorOptions.Builder b = ExecutorOptions.builder().pollInterval(Duration.ofSeconds(10))
        .maxPollInterval(Duration.ofSeconds(5));

    // When
    PcrUpgradeException e = catchThrowableOfType(b::build, PcrUpgradeException.class);

    // Then
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("maxPollInterval", "pollInterval");
  }

  @Test
  void acceptsTheLimitsThemselves() {
    // (leaseTtl must also exceed maxPollInterval, so the lower and upper limits are taken apart)
    ExecutorOptions o = ExecutorOptions.builder().pollInterval(Duration.ofMillis(10))
        .maxPollInterval(Duration.ofMinutes(10)).healthTimeout(Duration.ZERO)
        .settleTime(Duration.ofHours(1)).leaseTtl(Duration.ofHours(1)).build();
    ExecutorOptions shortLease = ExecutorOptions.builder().pollInterval(Duration.ofMillis(10))
        .maxPollInterval(Duration.ofSeconds(4)).leaseTtl(Duration.ofSeconds(5)).build();

    assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(o.maxPollInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(shortLease.leaseTtl()).isEqualTo(Duration.ofSeconds(5));
  }
}
