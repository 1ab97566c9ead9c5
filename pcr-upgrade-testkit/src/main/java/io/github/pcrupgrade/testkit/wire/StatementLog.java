package io.github.pcrupgrade.testkit.wire;

import java.util.ArrayList;
import java.util.List;

/** The statements a {@link WireServer} executed, in order. Thread-safe. */
public final class StatementLog {
  private final List<ExecutedStatement> entries = new ArrayList<>();

  synchronized void add(ExecutedStatement e) {
    entries.add(e);
  }

  /** A snapshot of every entry so far, oldest first. */
  public synchronized List<ExecutedStatement> entries() {
    return List.copyOf(entries);
  }

  /** Forgets every entry. */
  public synchronized void clear() {
    entries.clear();
  }
}
