package io.github.pcrupgrade.testkit.internal.wire;

/** A session's transaction state, reported in ReadyForQuery. */
enum TransactionState {
  /** {@code I}: not in an explicit transaction. */
  IDLE('I'),
  /** {@code T}: inside {@code BEGIN ... COMMIT}. */
  IN_TRANSACTION('T'),
  /** {@code E}: inside a failed transaction; only {@code COMMIT}/{@code ROLLBACK} are accepted. */
  FAILED('E');

  private final char status;

  TransactionState(char status) {
    this.status = status;
  }

  char status() {
    return status;
  }
}
