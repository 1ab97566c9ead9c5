package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.testkit.chaos.ChaosGenerator;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Out-of-range values given to triggers, faults and the chaos generator are typed errors naming
 * the value (issue 17: every error but a null argument is a {@link PcrUpgradeException} with a
 * code), never a bare {@link IllegalArgumentException}.
 */
class BadFaultInputTest {

  @Test
  void triggersRefuseANegativeTimeAndAZeroCountWithATypedError() {
    assertInvalid(() -> new Trigger.AtTime(Duration.ofSeconds(-1)), "afterStart must not be");
    assertInvalid(() -> new Trigger.OnNodeRestart(0, ""), "n is 1-based, got 0");
    assertInvalid(() -> new Trigger.OnPortCall(0), "n is 1-based, got 0");
  }

  @Test
  void aTransientErrorFaultRefusesACountBelowOne() {
    assertInvalid(() -> new Fault.TransientSqlErrors("primary", "40001", 0, false),
        "count must be at least 1, got 0");
  }

  @Test
  void theChaosGeneratorRefusesANegativeRun() {
    ChaosGenerator generator = new ChaosGenerator(ReleaseCatalog.builtIn());

    assertInvalid(() -> generator.generate(7, -1), "run must not be negative, got -1");
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PcrUpgradeException.class,
        e -> assertThat(e.code())
            .isEqualTo(CoreErrorCode.INVALID_ARGUMENT)).hasMessageContaining(message);
  }
}
