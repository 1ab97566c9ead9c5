package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The re-send rule (docs/design.md, "Re-send rule"): a statement is sent again only when the
 * observed state has not moved for {@code resendAfter}; any movement starts the quiet period again,
 * and so does each re-send, so that re-sends are at most timeout / resendAfter.
 */
class ResendsTest {

  private static final Duration AFTER = Duration.ofMinutes(2);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Instant at(Duration d) {
    return T0.plus(d);
  }

  @Test
  void theFirstObservationIsNeverDue() {
    Resends r = new Resends(AFTER);

    assertThat(r.due("version 24.3-upgrading-to-25.2-step-002", T0)).isFalse();
    assertThat(r.sent()).isZero();
  }

  @Test
  void aStateUnmovedForExactlyTheQuietPeriodIsDue() {
    // docs/design.md: re-sent when the state has not moved for at least resendAfter
    Resends r = new Resends(AFTER);
    r.due("stopping", T0);

    assertThat(r.due("stopping", at(AFTER))).isTrue();
  }

  @Test
  void aStateUnmovedForTheQuietPeriodIsDueAndCounted() {
    Resends r = new Resends(AFTER);
    r.due("stopping", T0);

    assertThat(r.due("stopping", at(AFTER.minusSeconds(1)))).isFalse();
    assertThat(r.sent()).isZero();
    assertThat(r.due("stopping", at(AFTER.plusSeconds(1)))).isTrue();
    assertThat(r.sent()).isEqualTo(1);
  }

  @Test
  void aReSendStartsTheQuietPeriodAgain() {
    Resends r = new Resends(AFTER);
    r.due("stopping", T0);
    assertThat(r.due("stopping", at(AFTER.plusSeconds(1)))).isTrue();

    // less than resendAfter since the re-send, though far more since the state was first seen
    assertThat(r.due("stopping", at(AFTER.multipliedBy(2)))).isFalse();
    assertThat(r.due("stopping", at(AFTER.multipliedBy(2).plusSeconds(2)))).isTrue();
    assertThat(r.sent()).isEqualTo(2);
  }

  @Test
  void aStateThatMovesIsNeverDue() {
    Resends r = new Resends(AFTER);
    r.due("version 24.3-upgrading-to-25.2-step-002", T0);

    // a long migration moving through its steps: each new state starts the quiet period again
    assertThat(r.due("version 24.3-upgrading-to-25.2-step-004", at(AFTER.plusSeconds(1))))
        .isFalse();
    assertThat(r.due("version 24.3-upgrading-to-25.2-step-004", at(AFTER.multipliedBy(2))))
        .isFalse();
    assertThat(r.due("version 24.3-upgrading-to-25.2-step-004",
        at(AFTER.multipliedBy(2).plusSeconds(2)))).isTrue();
    assertThat(r.sent()).isEqualTo(1);
  }

  @Test
  void aStateThatComesBackAfterAnotherStartsAnew() {
    Resends r = new Resends(AFTER);
    r.due("a", T0);
    r.due("b", at(Duration.ofSeconds(10)));

    assertThat(r.due("a", at(AFTER.plusSeconds(1)))).isFalse();
    assertThat(r.sent()).isZero();
  }
}
