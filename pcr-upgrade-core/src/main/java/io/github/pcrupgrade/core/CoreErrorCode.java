package io.github.pcrupgrade.core;

/** The error codes raised by pcr-upgrade-core. Each constant says what went wrong and what to do. */
public enum CoreErrorCode implements ErrorCode {
  /** A version string is in none of the accepted forms; the message lists them. Fix the input. */
  MALFORMED_VERSION,
  /** A release series is not in the release catalog; add it with {@code ReleaseCatalog.builder()}. */
  UNKNOWN_SERIES,
  /** The requested target is older than the deployment's current version; pick a newer target. */
  DOWNGRADE,
  /** No chain of direct upgrades in the catalog leads to the target; pick a reachable target. */
  UNREACHABLE_TARGET,
  /** A snapshot, catalog entry or option contradicts itself; the message names the offending part. */
  INVALID_ARGUMENT,
  /** A plan cannot be made from this state; the exception carries the violations that prevent it. */
  PLAN_REFUSED,
  /** A port (inspector, operations, node upgrader, journal) failed; the cause is attached. */
  PORT_FAILURE,
  /**
   * A port failed in a way that is expected to pass when retried unchanged: a serialization
   * conflict ({@code 40001}), a lost or refused connection ({@code 08xxx}), a node shutting down
   * ({@code 57P01}). Nothing is known to have changed, but the statement may have taken effect
   * before the connection broke, so retry only idempotent actions (every port action is), bounded
   * and with backoff, and judge the outcome from a fresh inspection. The cause is attached.
   */
  TRANSIENT,
  /** Another executor holds the deployment's lease; the message names it and until when. */
  LEASE_HELD,
  /** This executor's lease expired or was taken over (its generation changed); stop acting. */
  LEASE_LOST
}
