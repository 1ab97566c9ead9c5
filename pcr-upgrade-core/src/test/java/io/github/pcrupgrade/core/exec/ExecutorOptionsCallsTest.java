package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The options of blocking calls: defaults and limits as the README's table gives them. */
class ExecutorOptionsCallsTest {

  @Test
  void stopGraceAndResendAfterDefaultTo30SecondsAnd2Minutes() {
    ExecutorOptions o = ExecutorOptions.defaults();
    assertThat(o.stopGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.resendAfter()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void outOfRangeValuesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> ExecutorOptions.builder().stopGrace(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("stopGrace must be between PT0S and PT1H");
    assertThatThrownBy(() -> ExecutorOptions.builder().resendAfter(Duration.ofMillis(500)))
        .hasMessageContaining("resendAfter must be between PT1S and PT1H");
    assertThat(ExecutorOptions.builder().stopGrace(Duration.ZERO).build().stopGrace()).isZero();
  }

  @Test
  void theHeartbeatDuringACallIsTheShorterOfAThirdOfTheLeaseAndTenPolls() {
    assertThat(BlockingCalls.heartbeat(ExecutorOptions.defaults()))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(BlockingCalls.heartbeat(ExecutorOptions.builder().pollInterval(Duration.ofMinutes(1))
        .leaseTtl(Duration.ofMinutes(6)).build())).isEqualTo(Duration.ofMinutes(2));
  }
}
