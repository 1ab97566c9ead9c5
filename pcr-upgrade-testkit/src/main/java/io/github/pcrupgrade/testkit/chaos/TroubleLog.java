package io.github.pcrupgrade.testkit.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What trouble fired in one run, and the mutating port calls the library made (so that a refused
 * request can be shown to have changed nothing). Thread-safe: the run's tasks take turns, but a
 * task's thread is not the run's.
 */
final class TroubleLog {

  private final Map<TroubleKind, Integer> fired = new EnumMap<>(TroubleKind.class);
  private final List<String> mutations = new ArrayList<>();

  synchronized void fired(TroubleKind kind) {
    fired.merge(kind, 1, Integer::sum);
  }

  synchronized void mutated(String what) {
    mutations.add(what);
  }

  synchronized Map<TroubleKind, Integer> fired() {
    return Collections.unmodifiableMap(new EnumMap<>(fired));
  }

  synchronized List<String> mutations() {
    return List.copyOf(mutations);
  }
}
