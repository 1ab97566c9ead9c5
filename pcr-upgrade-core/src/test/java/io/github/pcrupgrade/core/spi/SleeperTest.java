package io.github.pcrupgrade.core.spi;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real sleeper's edge: a wait that is already over is no error. */
class SleeperTest {

  @Test
  void aZeroOrNegativeWaitReturnsWithoutError() {
    // A deadline computed as "until - now" is negative once it has passed.
    assertThatCode(() -> Sleeper.SYSTEM.sleep(Duration.ofMillis(-1500))).doesNotThrowAnyException();
    assertThatCode(() -> Sleeper.SYSTEM.sleep(Duration.ofNanos(-1))).doesNotThrowAnyException();
    assertThatCode(() -> Sleeper.SYSTEM.sleep(Duration.ZERO)).doesNotThrowAnyException();
  }
}
