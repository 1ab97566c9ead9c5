package io.github.pcrupgrade.core.catalog;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chain of direct major upgrades {@code A -> ... -> B}, as {@link ReleaseCatalog#path} returns
 * it. {@code series} starts with the current series and ends with the target; a path from a series
 * to itself has one element and no hops.
 *
 * @param series the series visited, in order
 */
public record UpgradePath(List<ReleaseSeries> series) {

  /**
   * One direct upgrade of a path.
   *
   * @param from the series upgraded from
   * @param to the series upgraded to, a direct target of {@code from}
   */
  public record Hop(ReleaseSeries from, ReleaseSeries to) {
    /**
     * Checks that no component is null.
     *
     * @param from not null
     * @param to not null
     */
    public Hop {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
      return from + " -> " + to;
    }
  }

  /**
   * Copies the list.
   *
   * @param series at least one series; whether each step is a direct upgrade is not checked here
   *     ({@link ReleaseCatalog#path} only returns paths of direct upgrades)
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for an empty list
   */
  public UpgradePath {
    Objects.requireNonNull(series, "series");
    series = List.copyOf(series);
    if (series.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a path has at least its starting series");
    }
  }

  /**
   * The starting series.
   *
   * @return the first element of {@link #series()}
   */
  public ReleaseSeries from() {
    return series.get(0);
  }

  /**
   * The target series.
   *
   * @return the last element of {@link #series()}; {@link #from()} for a path without hops
   */
  public ReleaseSeries to() {
    return series.get(series.size() - 1);
  }

  /**
   * The direct upgrades of the path.
   *
   * @return an immutable list, in order, one fewer than {@link #series()}; empty when already at
   *     the target
   */
  public List<Hop> hops() {
    List<Hop> hops = new ArrayList<>();
    for (int i = 1; i < series.size(); i++) {
      hops.add(new Hop(series.get(i - 1), series.get(i)));
    }
    return List.copyOf(hops);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (ReleaseSeries s : series) {
      if (b.length() > 0) {
        b.append(" -> ");
      }
      b.append(s);
    }
    return b.toString();
  }
}
