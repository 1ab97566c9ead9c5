package io.github.pcrupgrade.core.version;

import static io.github.pcrupgrade.testsupport.Gens.charsOf;
import static io.github.pcrupgrade.testsupport.Gens.frequency;
import static io.github.pcrupgrade.testsupport.Gens.pick;
import static io.github.pcrupgrade.testsupport.Gens.strings;
import static io.github.pcrupgrade.testsupport.Gens.withEdgeCases;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.pcrupgrade.testsupport.Gens;
import io.github.pcrupgrade.core.version.BinaryVersion.Stage;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators for the version properties: values of every kind and form (legacy, fence, dev offset,
 * git-describe suffixes), their alternative spellings, arbitrary strings and small mutations of
 * valid versions. The numbers jqwik favoured as edge cases (0, 1, the largest int) are mixed in
 * explicitly; {@link Gens#triples} supplies equal values for the ordering laws.
 */
final class VersionGens {

  /** Characters that make near-misses likely when mutating or generating version-like text. */
  private static final String VERSION_CHARS = "0123456789.-vcockroachupgradingtostepfinalbetrg";

  private VersionGens() {}

  /** Any non-negative int, with the numbers real versions use made likely. */
  static Gen<Integer> part() {
    return withEdgeCases(
        frequency(6, integers().between(0, 40), 1, integers().between(0, Integer.MAX_VALUE)),
        0, 1, 40, Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
  }

  /** A positive int (steps, legacy internals, pre-release numbers, commits after a tag). */
  static Gen<Integer> positive() {
    return withEdgeCases(
        frequency(6, integers().between(1, 1000), 1, integers().between(1, Integer.MAX_VALUE)),
        1, 2, 1000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
  }

  /** Release series: real ones, dev-offset ones and any non-negative pair. */
  static Gen<ReleaseSeries> series() {
    Gen<Integer> year = frequency(
        4, integers().between(19, 30),
        2, integers().between(19, 30).map(y -> y + ReleaseSeries.DEV_OFFSET),
        1, part());
    return year.zip(part(), ReleaseSeries::new);
  }

  /** An equal series that is another object. */
  static ReleaseSeries copy(ReleaseSeries s) {
    return new ReleaseSeries(s.year(), s.release());
  }

  /** Two distinct series, the earlier first. */
  static Gen<ReleaseSeries[]> ascendingPair() {
    return series().zip(series(), (a, b) -> new ReleaseSeries[] {a, b})
        .assuming(p -> !p[0].equals(p[1]))
        .map(p -> p[0].isBefore(p[1]) ? p : new ReleaseSeries[] {p[1], p[0]});
  }

  /** Cluster versions of every form. */
  static Gen<ClusterVersion> clusterVersions() {
    return Generate.oneOf(
        series().map(s -> ClusterVersion.finalOf(s)),
        series().map(s -> ClusterVersion.finalFence(s)),
        ascendingPair().zip(positive(), (p, step) -> ClusterVersion.upgradingStep(p[0], p[1], step)),
        series().zip(positive(), (s, n) -> ClusterVersion.parse(s + "-" + n)),
        series().zip(positive(), (s, n) -> ClusterVersion.parse(s + "-upgrading-step-" + pad(n))));
  }

  /** An equal cluster version that is another object, read back from its printed form. */
  static ClusterVersion copy(ClusterVersion v) {
    return ClusterVersion.parse(v.toString());
  }

  /**
   * Cluster versions from a small domain, so that equal values with different spellings (legacy,
   * unknown target, named target) come up often.
   */
  static Gen<ClusterVersion> nearbyClusterVersions() {
    Gen<ReleaseSeries> base = integers().between(24, 25)
        .zip(integers().between(1, 3), ReleaseSeries::new);
    Gen<Integer> step = integers().between(1, 3);
    return Generate.oneOf(
        base.map(s -> ClusterVersion.finalOf(s)),
        base.map(s -> ClusterVersion.finalFence(s)),
        base.zip(step, (s, n) -> ClusterVersion.parse(s + "-" + n)),
        base.zip(step, (s, n) -> ClusterVersion.parse(s + "-upgrading-step-" + pad(n))),
        base.zip(step, integers().between(1, 2), (s, n, k) -> ClusterVersion.upgradingStep(
            s, new ReleaseSeries(s.year(), s.release() + k), n)));
  }

  /** Binary versions of every stage, with and without a git-describe suffix. */
  static Gen<BinaryVersion> binaryVersions() {
    Gen<Stage> stage = arbitrary().enumValues(Stage.class);
    Gen<String> commit = withEdgeCases(strings(charsOf("0123456789abcdef"), 4, 40),
        "0000", "ffff", "da20f35", "0123456789abcdef0123456789abcdef01234567");
    Gen<Integer> commitsAfter = frequency(2, Generate.constant(0), 1, positive());
    Gen<BinaryVersion> plain = series().zip(part(), stage, positive(),
        (s, patch, st, n) -> new BinaryVersion(s.year(), s.release(), patch, st,
            st == Stage.RELEASE || st == Stage.DEVELOPMENT ? 0 : n, 0, ""));
    return plain.zip(commitsAfter, commit, (b, after, c) -> new BinaryVersion(
        b.year(), b.release(), b.patch(), b.stage(), b.stageNumber(), after,
        after == 0 ? "" : c));
  }

  /** An equal binary version that is another object. */
  static BinaryVersion copy(BinaryVersion b) {
    return new BinaryVersion(b.year(), b.release(), b.patch(), b.stage(), b.stageNumber(),
        b.commitsAfter(), b.commit());
  }

  /** Build tags with every optional part: the {@code cockroach-} prefix, with or without {@code v}. */
  static Gen<String> binaryTexts() {
    return binaryVersions().zip(pick("", "cockroach-"), booleans().all(),
        (b, prefix, withV) -> prefix + (withV ? b.toString() : b.toString().substring(1)));
  }

  /** Every accepted spelling of cluster versions, including {@code X.Y-0} and unpadded steps. */
  static Gen<String> clusterTexts() {
    return Generate.oneOf(
        clusterVersions().map(ClusterVersion::toString),
        series().map(s -> s + "-0"),
        ascendingPair().zip(positive(),
            (p, n) -> p[0] + "-upgrading-to-" + p[1] + "-step-" + n));
  }

  static Gen<String> seriesTexts() {
    return series().map(ReleaseSeries::toString);
  }

  /** Arbitrary strings: any characters, and version-like alphabets that produce near misses. */
  static Gen<String> anyStrings() {
    return Generate.oneOf(
        Gens.anyString(0, 300),
        strings(charsOf(VERSION_CHARS), 0, 60),
        strings(charsOf("0123456789.-"), 0, 30));
  }

  /** A valid text with one character inserted, deleted or replaced (possibly by any char). */
  static Gen<String> mutationsOf(Gen<String> valid) {
    Gen<Character> c = Generate.oneOf(
        Gens.anyChar(),
        charsOf(VERSION_CHARS),
        pick('\u0663', '\uff13', ' ', '\n', '\u0000', '\ud800'));
    Gen<Integer> op = integers().between(0, 2);
    Gen<Integer> where = integers().between(0, Integer.MAX_VALUE);
    return valid.zip(op, where, c, (text, o, w, ch) -> {
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
