package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutorOptionsLeaseTest {

  @Test
  void byDefaultARunDoesNotWaitForAnotherExecutorsLease() {
    ExecutorOptions o = ExecutorOptions.defaults();

    assertThat(o.leaseWait()).isZero();
    assertThat(o.leaseTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void leaseWaitAcceptsZeroToAnHourAndNamesItselfWhenRefused() {
    assertThat(ExecutorOptions.builder().leaseWait(Duration.ofHours(1)).build().leaseWait())
        .isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> ExecutorOptions.builder().leaseWait(Duration.ofMinutes(61)))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessage("leaseWait must be between PT0S and PT1H, got PT1H1M");
    assertThatThrownBy(() -> ExecutorOptions.builder().leaseWait(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("leaseWait must be between");
  }

  @Test
  void refusesALeaseThatWouldExpireDuringASinglePoll() {
    // Given a lease renewed between polls, and polls that may last longer than the lease
    ExecutorOptions.Builder b = ExecutorOptions.builder().leaseTtl(Duration.ofSeconds(10))
        .maxPollInterval(Duration.ofSeconds(10));

    // Then the options are refused, naming both
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith("leaseTtl (PT10S) must be longer than maxPollInterval (PT10S)");
    assertThat(b.maxPollInterval(Duration.ofSeconds(9)).build().leaseTtl())
        .isEqualTo(Duration.ofSeconds(10));
  }
}
