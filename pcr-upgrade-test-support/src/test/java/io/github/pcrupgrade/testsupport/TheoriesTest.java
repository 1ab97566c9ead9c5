package io.github.pcrupgrade.testsupport;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed helper: fixed seed by default, QT_SEED to rerun with another, failures say how. */
class TheoriesTest {

  private final String seedBefore = System.getProperty(Theories.SEED_PROPERTY);

  @AfterEach
  void restoreSeed() {
    if (seedBefore == null) {
      System.clearProperty(Theories.SEED_PROPERTY);
    } else {
      System.setProperty(Theories.SEED_PROPERTY, seedBefore);
    }
  }

  @Test
  void withoutQtSeedEveryRunDrawsTheSameExamples() {
    // Given no seed on the command line
    System.clearProperty(Theories.SEED_PROPERTY);

    // When the same property runs twice
    List<Integer> first = drawn(50);
    List<Integer> second = drawn(50);

    // Then it sees the same examples in the same order, from the fixed seed
    assertThat(Theories.seed()).isEqualTo(Theories.DEFAULT_SEED);
    assertThat(first).hasSizeGreaterThan(40).isEqualTo(second);
  }

  @Test
  void qtSeedRunsThePropertiesWithAnotherSeed() {
    // Given the fixed seed's examples
    System.clearProperty(Theories.SEED_PROPERTY);
    List<Integer> fixed = drawn(50);

    // When QT_SEED names another seed
    System.setProperty(Theories.SEED_PROPERTY, "4242");
    List<Integer> other = drawn(50);

    // Then the run uses it, and its examples differ
    assertThat(Theories.seed()).isEqualTo(4242L);
    assertThat(other).hasSizeGreaterThan(40).isNotEqualTo(fixed);
    assertThat(drawn(50)).isEqualTo(other);
  }

  @Test
  void aMalformedQtSeedIsNamed() {
    System.setProperty(Theories.SEED_PROPERTY, "0x12");

    assertThatThrownBy(Theories::seed).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("QT_SEED must be a decimal long, was '0x12'");
  }

  @Test
  void aFailurePrintsTheSeedTheShrunkExampleAndHowToRerun() {
    // Given a seed, and a property false for every number from 100 up
    System.setProperty(Theories.SEED_PROPERTY, "777");

    // When it runs
    // Then the report names the smallest falsifying value (shrunk to the boundary), the seed and
    // the option that reruns it
    assertThatThrownBy(() -> qt().forAll(integers().between(0, 1_000_000))
            .check(i -> i < 100))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Smallest found falsifying value(s) :-" + System.lineSeparator()
            + "100" + System.lineSeparator())
        .hasMessageContaining("Seed was 777")
        .hasMessageContaining("Rerun with -DQT_SEED=777");
  }

  @Test
  void aPropertyRunsTheExamplesItAsksFor() {
    System.clearProperty(Theories.SEED_PROPERTY);
    List<Integer> seen = new ArrayList<>();

    qt(300).forAll(integers().between(0, Integer.MAX_VALUE)).checkAssert(seen::add);

    // Distinct draws from a wide range: QuickTheories skips only repeated examples
    assertThat(seen).hasSizeGreaterThan(290).hasSizeLessThanOrEqualTo(300);
  }

  private static List<Integer> drawn(int examples) {
    List<Integer> seen = new ArrayList<>();
    qt(examples).forAll(integers().between(0, Integer.MAX_VALUE)).checkAssert(seen::add);
    return seen;
  }
}
