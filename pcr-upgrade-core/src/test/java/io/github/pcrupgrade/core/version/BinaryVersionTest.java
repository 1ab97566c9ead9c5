package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.version.BinaryVersion.Stage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.pcrupgrade.core.PcrUpgradeException;

/** Binary versions and build tags as crdb-upgrade-facts.md 5.1 shows them. */
class BinaryVersionTest {

  static Stream<Arguments> realTags() {
    // text, year, release, patch, stage, stage number, commits after, commit, printed
    return Stream.of(
        Arguments.of("v25.2.4", 25, 2, 4, Stage.RELEASE, 0, 0, "", "v25.2.4"),
        Arguments.of("v25.1.0-alpha.1", 25, 1, 0, Stage.ALPHA, 1, 0, "", "v25.1.0-alpha.1"),
        Arguments.of("v25.2.0-beta.2", 25, 2, 0, Stage.BETA, 2, 0, "", "v25.2.0-beta.2"),
        Arguments.of("v25.4.0-rc.1", 25, 4, 0, Stage.RC, 1, 0, "", "v25.4.0-rc.1"),
        Arguments.of("v26.2.0", 26, 2, 0, Stage.RELEASE, 0, 0, "", "v26.2.0"),
        Arguments.of("v24.3.33", 24, 3, 33, Stage.RELEASE, 0, 0, "", "v24.3.33"),
        Arguments.of("v26.3.0-alpha.1", 26, 3, 0, Stage.ALPHA, 1, 0, "", "v26.3.0-alpha.1"),
        Arguments.of("v24.2.0-alpha.00000000", 24, 2, 0, Stage.DEVELOPMENT, 0, 0, "",
            "v24.2.0-alpha.00000000"),
        Arguments.of("v24.2.0-alpha.00000000-2955-gda20f35", 24, 2, 0, Stage.DEVELOPMENT, 0, 2955,
            "da20f35", "v24.2.0-alpha.00000000-2955-gda20f35"),
        Arguments.of("cockroach-v19.2.0-alpha.00000000-2955-gda20f35", 19, 2, 0, Stage.DEVELOPMENT,
            0, 2955, "da20f35", "v19.2.0-alpha.00000000-2955-gda20f35"),
        Arguments.of("25.4.3", 25, 4, 3, Stage.RELEASE, 0, 0, "", "v25.4.3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realTags")
  void parsesRealBuildTags(
      String text, int year, int release, int patch, Stage stage, int number, int commits,
      String commit, String printed) {
    // When
    BinaryVersion b = BinaryVersion.parse(text);

    // Then
    assertThat(b).isEqualTo(new BinaryVersion(year, release, patch, stage, number, commits, commit));
    assertThat(b.series()).isEqualTo(ReleaseSeries.of(year, release));
    assertThat(b.toString()).isEqualTo(printed);
    assertThat(BinaryVersion.parse(b.toString())).isEqualTo(b);
  }

  @Test
  void ordersDevelopmentBeforeAlphaBeforeBetaBeforeRcBeforeRelease() {
    // Given: "alpha ... followed by beta ... followed by release candidate"; .0 is GA (facts 5.1)
    List<BinaryVersion> inOrder = Stream.of(
        "v25.2.0-alpha.00000000",
        "v25.2.0-alpha.1",
        "v25.2.0-alpha.3",
        "v25.2.0-beta.1",
        "v25.2.0-beta.2",
        "v25.2.0-rc.1",
        "v25.2.0",
        "v25.2.4",
        "v25.3.0-alpha.1").map(BinaryVersion::parse).toList();

    // Then
    for (int i = 1; i < inOrder.size(); i++) {
      assertThat(inOrder.get(i)).as("%s after %s", inOrder.get(i), inOrder.get(i - 1))
          .isGreaterThan(inOrder.get(i - 1));
    }
  }

  @Test
  void ordersPatchesNumericallyNotAsText() {
    assertThat(BinaryVersion.parse("v24.3.9")).isLessThan(BinaryVersion.parse("v24.3.33"));
    assertThat(BinaryVersion.parse("v24.3.12").isAtLeast(BinaryVersion.parse("v24.3.11"))).isTrue();
  }

  @Test
  void productionIsAReleaseWithoutGitDescribeSuffix() {
    assertThat(BinaryVersion.parse("v25.2.4").isProduction()).isTrue();
    assertThat(BinaryVersion.parse("v25.4.0-rc.1").isProduction()).isFalse();
    assertThat(BinaryVersion.parse("v25.2.4-12-gabcdef0").isProduction()).isFalse();
  }

  @Test
  void alphaAndDevelopmentBuildsAreOneWay() {
    // Given: "A cluster that is upgraded to an alpha binary ... or a binary ... built from the
    // master branch cannot subsequently be upgraded to a production release" (facts 1.1)
    assertThat(BinaryVersion.parse("v25.1.0-alpha.1").isOneWay()).isTrue();
    assertThat(BinaryVersion.parse("v24.2.0-alpha.00000000-2955-gda20f35").isOneWay()).isTrue();
    // And: from the first beta on, upgrading to the final release is supported (facts 1.4)
    assertThat(BinaryVersion.parse("v25.2.0-beta.2").isOneWay()).isFalse();
    assertThat(BinaryVersion.parse("v25.4.0-rc.1").isOneWay()).isFalse();
    assertThat(BinaryVersion.parse("v25.2.4").isOneWay()).isFalse();
  }

  @Test
  void finalizesToTheFinalVersionOfItsSeries() {
    assertThat(BinaryVersion.parse("v25.2.4").clusterVersion())
        .isEqualTo(ClusterVersion.parse("25.2"));
    assertThat(BinaryVersion.of(ReleaseSeries.of(24, 3), 12)).isEqualTo(BinaryVersion.parse("v24.3.12"));
  }

  @Test
  void readsBackTheLargestNumbersItCanHold() {
    // Given: regression, the parser stopped at 9 digits while the type prints any int
    int max = Integer.MAX_VALUE;
    BinaryVersion largest = new BinaryVersion(max, max, max, Stage.RC, max, max, "abcdef0");

    // Then
    assertThat(BinaryVersion.parse(largest.toString())).isEqualTo(largest);
  }

  @Test
  void rejectsAStageNumberOnAReleaseAndAMissingOneOnAPreRelease() {
    assertThatThrownBy(() -> new BinaryVersion(25, 2, 0, Stage.RELEASE, 1, 0, ""))
        .isInstanceOf(PcrUpgradeException.class);
    assertThatThrownBy(() -> new BinaryVersion(25, 2, 0, Stage.BETA, 0, 0, ""))
        .isInstanceOf(PcrUpgradeException.class);
    assertThatThrownBy(() -> new BinaryVersion(25, 2, 0, Stage.RELEASE, 0, 3, ""))
        .isInstanceOf(PcrUpgradeException.class);
  }

  @Test
  void rejectsACommitItCouldNotReadBack() {
    // Given: regression, the constructor took any commit text, so toString() could print a tag
    // that parse() rejects ("v25.2.0-3-gXYZ")
    for (String commit : new String[] {"XYZ", "abc", "ABCDEF0", "abcdef0 ", "g123456"}) {
      assertThatThrownBy(() -> new BinaryVersion(25, 2, 0, Stage.RELEASE, 0, 3, commit))
          .as(commit)
          .isInstanceOf(PcrUpgradeException.class)
          .hasMessageContaining("'" + commit + "'");
    }
    assertThat(new BinaryVersion(25, 2, 0, Stage.RELEASE, 0, 3, "abcd")).hasToString("v25.2.0-3-gabcd");
  }
}
