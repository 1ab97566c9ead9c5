package io.github.pcrupgrade.testsupport;

import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Reporter;

/**
 * Entry to the property tests of this module: every property runs on QuickTheories inside an
 * ordinary JUnit test, from {@link #qt(int)}, with a fixed seed so that a build is reproducible.
 *
 * <p>To run the properties with another seed, set QuickTheories' own system property
 * {@value #SEED_PROPERTY} on the Maven command line ({@code -DQT_SEED=12345}); Surefire passes
 * it to the test JVM. A failure prints the seed, the smallest (shrunk) falsifying example and
 * the option that reruns it.
 */
public final class Theories {

  /** QuickTheories' system property for the seed (its {@code Configuration.SEED}). */
  public static final String SEED_PROPERTY = "QT_SEED";

  /** The seed of every property run unless {@value #SEED_PROPERTY} says otherwise. */
  public static final long DEFAULT_SEED = 20_251_130L;

  /** The number of examples a property runs unless it names its own (jqwik's former default). */
  public static final int DEFAULT_EXAMPLES = 1000;

  private Theories() {}

  /** A theory with the seed of this run and {@link #DEFAULT_EXAMPLES} examples. */
  public static QuickTheory qt() {
    return qt(DEFAULT_EXAMPLES);
  }

  /** A theory with the seed of this run and the given number of examples. */
  public static QuickTheory qt(int examples) {
    long seed = seed();
    return QuickTheory.qt().withFixedSeed(seed).withExamples(examples)
        .withReporter(new RerunReporter());
  }

  /**
   * The seed of this run: {@value #SEED_PROPERTY} when set, else {@link #DEFAULT_SEED}.
   *
   * @throws IllegalArgumentException when {@value #SEED_PROPERTY} is not a decimal long
   */
  public static long seed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_SEED;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEED_PROPERTY + " must be a decimal long, was '"
          + value + "'; unset it to use the fixed seed " + DEFAULT_SEED, e);
    }
  }

  /** QuickTheories' report (seed, smallest example, cause), ending with how to rerun it. */
  private static final class RerunReporter implements Reporter {
    private final ExceptionReporter report = new ExceptionReporter();

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
        List<Object> examples, AsString<Object> toString) {
      try {
        report.falisification(seed, examplesUsed, smallest, cause, examples, toString);
      } catch (AssertionError e) {
        throw withRerun(e, seed);
      }
    }

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest,
        List<Object> examples, AsString<Object> toString) {
      try {
        report.falisification(seed, examplesUsed, smallest, examples, toString);
      } catch (AssertionError e) {
        throw withRerun(e, seed);
      }
    }

    @Override
    public void valuesExhausted(int completedExamples) {
      report.valuesExhausted(completedExamples);
    }

    private static AssertionError withRerun(AssertionError e, long seed) {
      AssertionError rerun = new AssertionError(e.getMessage() + System.lineSeparator()
          + "Rerun with -D" + SEED_PROPERTY + "=" + seed + " (the same examples, in order)");
      rerun.setStackTrace(e.getStackTrace());
      return rerun;
    }
  }
}
