package io.github.pcrupgrade.core.version;

import io.github.pcrupgrade.core.version.BinaryVersion.Stage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for the version properties: values of every kind and form (legacy, fence, dev offset,
 * git-describe suffixes), their alternative spellings, arbitrary strings and small mutations of
 * valid versions.
 */
final class VersionArbitraries {

  /** Characters that make near-misses likely when mutating or generating version-like text. */
  private static final String VERSION_CHARS = "0123456789.-vcockroachupgradingtostepfinalbetrg";

  private VersionArbitraries() {}

  /** Any non-negative int, with the numbers real versions use made likely. */
  static Arbitrary<Integer> part() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0, 40)),
        Tuple.of(1, Arbitraries.integers().between(0, Integer.MAX_VALUE)));
  }

  /** A positive int (steps, legacy internals, pre-release numbers, commits after a tag). */
  static Arbitrary<Integer> positive() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(1, 1000)),
        Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)));
  }

  /** Release series: real ones, dev-offset ones and any non-negative pair. */
  static Arbitrary<ReleaseSeries> series() {
    Arbitrary<Integer> year = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(19, 30)),
        Tuple.of(2, Arbitraries.integers().between(19, 30).map(y -> y + ReleaseSeries.DEV_OFFSET)),
        Tuple.of(1, part()));
    return Combinators.combine(year, part()).as(ReleaseSeries::new);
  }

  /** Two distinct series, the earlier first. */
  static Arbitrary<ReleaseSeries[]> ascendingPair() {
    return Combinators.combine(series(), series())
        .filter((a, b) -> !a.equals(b))
        .as((a, b) -> a.isBefore(b) ? new ReleaseSeries[] {a, b} : new ReleaseSeries[] {b, a});
  }

  /** Cluster versions of every form. */
  static Arbitrary<ClusterVersion> clusterVersions() {
    return Arbitraries.oneOf(
        series().map(ClusterVersion::finalOf),
        series().map(ClusterVersion::finalFence),
        Combinators.combine(ascendingPair(), positive())
            .as((p, step) -> ClusterVersion.upgradingStep(p[0], p[1], step)),
        Combinators.combine(series(), positive())
            .as((s, n) -> ClusterVersion.parse(s + "-" + n)),
        Combinators.combine(series(), positive())
            .as((s, n) -> ClusterVersion.parse(s + "-upgrading-step-" + pad(n))));
  }

  /**
   * Cluster versions from a small domain, so that equal values with different spellings (legacy,
   * unknown target, named target) come up often.
   */
  static Arbitrary<ClusterVersion> nearbyClusterVersions() {
    Arbitrary<ReleaseSeries> base =
        Combinators.combine(Arbitraries.integers().between(24, 25), Arbitraries.integers().between(1, 3))
            .as(ReleaseSeries::new);
    Arbitrary<Integer> step = Arbitraries.integers().between(1, 3);
    return Arbitraries.oneOf(
        base.map(ClusterVersion::finalOf),
        base.map(ClusterVersion::finalFence),
        Combinators.combine(base, step).as((s, n) -> ClusterVersion.parse(s + "-" + n)),
        Combinators.combine(base, step)
            .as((s, n) -> ClusterVersion.parse(s + "-upgrading-step-" + pad(n))),
        Combinators.combine(base, step, Arbitraries.integers().between(1, 2))
            .as((s, n, k) -> ClusterVersion.upgradingStep(
                s, new ReleaseSeries(s.year(), s.release() + k), n)));
  }

  /** Binary versions of every stage, with and without a git-describe suffix. */
  static Arbitrary<BinaryVersion> binaryVersions() {
    Arbitrary<Stage> stage = Arbitraries.of(Stage.class);
    Arbitrary<String> commit =
        Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(4).ofMaxLength(40);
    Arbitrary<Integer> commitsAfter =
        Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)), Tuple.of(1, positive()));
    return Combinators.combine(series(), part(), stage, positive(), commitsAfter, commit)
        .as((s, patch, st, n, after, c) -> new BinaryVersion(
            s.year(), s.release(), patch, st,
            st == Stage.RELEASE || st == Stage.DEVELOPMENT ? 0 : n,
            after, after == 0 ? "" : c));
  }

  /** Build tags with every optional part: the {@code cockroach-} prefix, with or without {@code v}. */
  static Arbitrary<String> binaryTexts() {
    return Combinators.combine(
            binaryVersions(), Arbitraries.of("", "cockroach-"), Arbitraries.of(true, false))
        .as((b, prefix, withV) -> prefix + (withV ? b.toString() : b.toString().substring(1)));
  }

  /** Every accepted spelling of cluster versions, including {@code X.Y-0} and unpadded steps. */
  static Arbitrary<String> clusterTexts() {
    return Arbitraries.oneOf(
        clusterVersions().map(ClusterVersion::toString),
        series().map(s -> s + "-0"),
        Combinators.combine(ascendingPair(), positive())
            .as((p, n) -> p[0] + "-upgrading-to-" + p[1] + "-step-" + n));
  }

  static Arbitrary<String> seriesTexts() {
    return series().map(ReleaseSeries::toString);
  }

  /** Arbitrary strings: any characters, and version-like alphabets that produce near misses. */
  static Arbitrary<String> anyStrings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars(VERSION_CHARS).ofMaxLength(60),
        Arbitraries.strings().withChars("0123456789.-").ofMaxLength(30));
  }

  /** A valid text with one character inserted, deleted or replaced (possibly by any char). */
  static Arbitrary<String> mutationsOf(Arbitrary<String> valid) {
    Arbitrary<Character> c = Arbitraries.oneOf(
        Arbitraries.chars().all(),
        Arbitraries.chars().with(VERSION_CHARS.toCharArray()),
        Arbitraries.of('\u0663', '\uff13', ' ', '\n', '\u0000', '\ud800'));
    Arbitrary<Integer> op = Arbitraries.integers().between(0, 2);
    Arbitrary<Integer> where = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    return Combinators.combine(valid, op, where, c).as((text, o, w, ch) -> {
      StringBuilder b = new StringBuilder(text);
      int at = w % (text.length() + 1);
      switch (o) {
        case 0 -> b.insert(at, ch);
        case 1 -> {
          if (at < b.length()) {
            b.deleteCharAt(at);
          }
        }
        default -> {
          if (at < b.length()) {
            b.setCharAt(at, ch);
          } else {
            b.append(ch);
          }
        }
      }
      return b.toString();
    });
  }

  static String pad(int n) {
    return String.format("%03d", n);
  }
}
