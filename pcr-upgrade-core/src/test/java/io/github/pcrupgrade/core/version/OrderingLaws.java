package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;

/** The laws of a total order consistent with equals, checked on any three values. */
final class OrderingLaws {

  private OrderingLaws() {}

  static <T extends Comparable<T>> void hold(T a, T b, T c) {
    // Antisymmetric (and so total: compareTo answers for every pair without throwing)
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    assertThat(a.compareTo(a)).isZero();
    // Consistent with equals, with equal hash codes for equal values
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    if (a.equals(b)) {
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }
    // Transitive
    if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
      assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
    }
    if (a.compareTo(b) == 0 && b.compareTo(c) == 0) {
      assertThat(a.compareTo(c)).isZero();
    }
  }
}
