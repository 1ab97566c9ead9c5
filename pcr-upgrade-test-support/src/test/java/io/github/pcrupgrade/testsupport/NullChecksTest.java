package io.github.pcrupgrade.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What {@link NullChecks} reports, on small types written to pass or break the convention. */
public class NullChecksTest {

  /** Checks its parameter by name. */
  public static final class Good {
    /** @param name checked */
    public Good(String name) {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Forgets to check, or names the wrong parameter. */
  public static final class Bad {
    /** @param name not checked */
    public Bad(String name) {
    }

    /**
     * @param first checked under the wrong name
     * @return nothing useful
     */
    public static int wrongName(String first) {
      Objects.requireNonNull(first, "second");
      return 0;
    }
  }

  /** A mutable builder: the second call on one receiver would fail. */
  public static final class OneShotBuilder {
    private final List<String> names = new ArrayList<>();

    /**
     * @param name checked; a second name on the same builder is refused
     * @return this builder
     */
    public OneShotBuilder name(String name) {
      Objects.requireNonNull(name, "name");
      if (!names.isEmpty()) {
        throw new IllegalStateException("a name is set already");
      }
      names.add(name);
      return this;
    }

    /**
     * @param label not checked: stored as given
     * @return this builder
     */
    public OneShotBuilder label(String label) {
      return this;
    }

    /**
     * @param c checked under the property's name
     * @return this builder
     */
    public OneShotBuilder clock(java.time.Clock c) {
      Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * @param newLabel checked under the property's name
     * @return this builder
     */
    public OneShotBuilder withLabel(String newLabel) {
      Objects.requireNonNull(newLabel, "label");
      return this;
    }

    /**
     * @param first checked under the method's name: wrong, it has two parameters
     * @param second not checked
     * @return this builder
     */
    public OneShotBuilder pair(String first, String second) {
      Objects.requireNonNull(first, "pair");
      return this;
    }

    /**
     * @param note documented as nullable
     * @return this builder
     */
    public OneShotBuilder note(String note) {
      return this;
    }
  }

  /** A value the samples cannot fill validly. */
  public static final class Parsed {
    /**
     * @param text a number
     * @return the number
     */
    public static int parse(String text) {
      Objects.requireNonNull(text, "text");
      return Integer.parseInt(text);
    }
  }

  /** A record: its sample is its receiver. */
  public record Pair(String left, String right) {
    /**
     * @param other checked
     * @return a copy
     */
    public Pair withLeft(String other) {
      Objects.requireNonNull(other, "other");
      return new Pair(other, right);
    }
  }

  /** A class with instance methods and no receiver. */
  public static final class Service {
    /** @param what anything */
    public void act(String what) {
    }
  }

  @Test
  void reportsACheckedParameterAndAMissingOrMisnamedCheck() {
    NullChecks.Report report = new NullChecks(t -> null, Set.of())
        .check(List.of(Good.class, Bad.class));

    assertThat(report.checked()).containsExactly("NullChecksTest$Good#new(name)");
    assertThat(report.failures()).containsExactlyInAnyOrder(
        "NullChecksTest$Bad#new(name): null gives no exception",
        "NullChecksTest$Bad#wrongName(first): null gives java.lang.NullPointerException: second");
  }

  @Test
  void checksInstanceMethodsOnAFreshReceiverPerCallAndSkipsNullableOnes() {
    AtomicInteger made = new AtomicInteger();
    NullChecks.Report report = new NullChecks(t -> null,
        Set.of("NullChecksTest$OneShotBuilder#note(note)"))
        .withReceivers(t -> t == OneShotBuilder.class ? () -> {
          made.incrementAndGet();
          return new OneShotBuilder();
        } : null)
        .check(List.of(OneShotBuilder.class));

    assertThat(report.checked()).containsExactlyInAnyOrder(
        "NullChecksTest$OneShotBuilder#name(name)", "NullChecksTest$OneShotBuilder#clock(c)",
        "NullChecksTest$OneShotBuilder#withLabel(newLabel)");
    assertThat(report.failures()).containsExactlyInAnyOrder(
        "NullChecksTest$OneShotBuilder#label(label): null gives no exception",
        "NullChecksTest$OneShotBuilder#pair(first): null gives java.lang.NullPointerException:"
            + " pair",
        "NullChecksTest$OneShotBuilder#pair(second): null gives no exception");
    assertThat(report.unchecked()).isEmpty();
    // Two calls (a valid one, a null one) per parameter checked, pair's valid call and its two
    // null calls, note's valid call only.
    assertThat(made).hasValue(2 * 4 + 3 + 1);
  }

  @Test
  void recordsAreTheirOwnReceiversAndTypesWithoutOneAreListed() {
    NullChecks.Report report = new NullChecks(t -> null, Set.of())
        .check(List.of(Pair.class, Service.class));

    assertThat(report.checked()).contains("NullChecksTest$Pair#withLeft(other)");
    assertThat(report.unchecked())
        .containsExactly("NullChecksTest$Service: no receiver for its instance methods [act]");
  }

  /** A record whose components must agree: no built-in sample satisfies it. */
  public record Range(String low, String high) {
    /** Needs low before high. */
    public Range {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
      if (low.compareTo(high) >= 0) {
        throw new IllegalArgumentException("low must be before high");
      }
    }
  }

  @Test
  void aRecordsCanonicalConstructorIsCalledWithTheComponentsOfItsSample() {
    NullChecks plain = new NullChecks(t -> null, Set.of());
    assertThat(plain.check(List.of(Range.class)).checked()).isEmpty();

    NullChecks.Report report = new NullChecks(
        t -> t == Range.class ? new Range("a", "b") : null, Set.of())
        .check(List.of(Range.class));
    assertThat(report.checked())
        .containsExactly("NullChecksTest$Range#new(low)", "NullChecksTest$Range#new(high)");
  }

  @Test
  void givenArgumentsMakeAParserCheckable() {
    NullChecks plain = new NullChecks(t -> null, Set.of());

    assertThat(plain.check(List.of(Parsed.class)).unchecked()).singleElement()
        .asString().startsWith("NullChecksTest$Parsed#parse: the sample call throws");
    NullChecks.Report given = plain
        .withArguments(Map.of("NullChecksTest$Parsed#parse", Arrays.asList("42")))
        .check(List.of(Parsed.class));
    assertThat(given.checked()).containsExactly("NullChecksTest$Parsed#parse(text)");
    assertThat(given.unchecked()).isEmpty();
  }
}
