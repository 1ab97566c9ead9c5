package io.github.pcrupgrade.testkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The statements the wire front executed, in order ({@link SimulatedPcrServer#statementLog}).
 * Thread-safe.
 */
public final class StatementLog {
  private final List<ExecutedStatement> entries = new ArrayList<>();

  /** An empty log. */
  public StatementLog() {}

  /**
   * Records a statement; called by the wire front's connections. A test has no reason to call it.
   *
   * @param e the statement executed
   */
  public synchronized void add(ExecutedStatement e) {
    Objects.requireNonNull(e, "e");
    entries.add(e);
  }

  /**
   * A snapshot of every entry so far, oldest first.
   *
   * @return an immutable copy; empty when nothing ran since creation or {@link #clear()}
   */
  public synchronized List<ExecutedStatement> entries() {
    return List.copyOf(entries);
  }

  /** Forgets every entry. */
  public synchronized void clear() {
    entries.clear();
  }
}
