package io.github.pcrupgrade.core.journal;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The lease decisions shared by the JDK journals, as pure functions of the stored state and the
 * journal's time. The journals own the storage and the locking around these calls.
 *
 * <ul>
 *   <li>acquire: no lease, an expired one or a released one is taken with the next generation; one's
 *       own live lease is renewed with the same generation; someone else's live lease is
 *       {@code LEASE_HELD}.
 *   <li>renew: succeeds only when holder and generation match and the lease has not expired by the
 *       journal's clock; otherwise {@code LEASE_LOST}, even when nobody took it over (the holder
 *       cannot know what happened while it was not protected).
 *   <li>release: ends the lease if it is still the caller's and live; otherwise does nothing.
 * </ul>
 *
 * <p>For implementers of {@link io.github.pcrupgrade.core.spi.UpgradeJournal} outside core (the
 * file journal, a journal of your own): call these under your own lock so that every journal
 * decides leases alike.
 */
public final class LeaseRules {

  private LeaseRules() {}

  /** {@code INVALID_ARGUMENT} unless the ids are not blank and the TTL is positive. */
  public static void checkArguments(String deploymentId, String holderId, Duration ttl) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(holderId, "holderId");
    checkTtl(ttl);
    if (deploymentId.isBlank() || holderId.isBlank()) {
      throw new PcrUpgradeException(
          CoreErrorCode.INVALID_ARGUMENT,
          "deploymentId and holderId must not be blank; pass the deployment's id and a unique"
              + " executor id");
    }
  }

  /** {@code INVALID_ARGUMENT} unless the TTL is positive. */
  public static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new PcrUpgradeException(
          CoreErrorCode.INVALID_ARGUMENT, "ttl must be positive, got " + ttl);
    }
  }

  /** The state after {@code holderId} acquires, or {@code LEASE_HELD}. */
  public static LeaseState acquire(
      LeaseState current, String deploymentId, String holderId, Duration ttl, Instant now) {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(now, "now");
    if (current == null || current.expiredAt(now)) {
      long generation = current == null ? 1 : current.generation() + 1;
      return new LeaseState(deploymentId, holderId, generation, now, now.plus(ttl));
    }
    if (current.holderId().equals(holderId)) {
      return new LeaseState(
          deploymentId, holderId, current.generation(), current.acquiredAt(), now.plus(ttl));
    }
    throw held(current);
  }

  /** The state after the holder of {@code lease} renews it, or {@code LEASE_LOST}. */
  public static LeaseState renew(LeaseState current, Lease lease, Duration ttl, Instant now) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(ttl, "ttl");
    if (!isCurrent(current, lease)) {
      throw lost(lease, current);
    }
    if (current.expiredAt(now)) {
      throw lost(lease, current);
    }
    return new LeaseState(
        current.deploymentId(),
        current.holderId(),
        current.generation(),
        current.acquiredAt(),
        now.plus(ttl));
  }

  /** The state after the holder of {@code lease} releases it; {@code current} when not its own. */
  public static LeaseState release(LeaseState current, Lease lease, Instant now) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(now, "now");
    if (!isCurrent(current, lease) || current.expiredAt(now)) {
      return current;
    }
    return new LeaseState(
        current.deploymentId(), current.holderId(), current.generation(), current.acquiredAt(), now);
  }

  private static boolean isCurrent(LeaseState current, Lease lease) {
    return current != null
        && current.holderId().equals(lease.holderId())
        && current.generation() == lease.generation();
  }

  /** The {@code LEASE_HELD} error naming the holder and until when. */
  public static PcrUpgradeException held(LeaseState current) {
    Objects.requireNonNull(current, "current");
    return held(
        current.deploymentId(),
        current.holderId(),
        current.generation(),
        current.expiresAt(),
        "");
  }

  /** The {@code LEASE_HELD} error, with an optional suffix naming the process. */
  public static PcrUpgradeException held(
      String deploymentId, String holderId, long generation, Instant expiresAt, String where) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(holderId, "holderId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(where, "where");
    return new PcrUpgradeException(
        CoreErrorCode.LEASE_HELD,
        deploymentId + " - lease held by '" + holderId + "'" + where
            + " (generation " + generation + ") until " + expiresAt
            + "; another executor is acting on this deployment: wait for it to finish, or for the"
            + " lease to expire if it died");
  }

  /** The {@code LEASE_LOST} error saying what became of the lease. */
  public static PcrUpgradeException lost(Lease lease, LeaseState current) {
    Objects.requireNonNull(lease, "lease");
    String what;
    if (current == null) {
      what = "no lease exists";
    } else if (current.generation() != lease.generation()
        || !current.holderId().equals(lease.holderId())) {
      what = "it is now held by '" + current.holderId() + "' with generation "
          + current.generation() + " until " + current.expiresAt();
    } else {
      what = "it expired or was released at " + current.expiresAt();
    }
    return lostError(lease, what);
  }

  /** The {@code LEASE_LOST} error with {@code what} saying what became of the lease. */
  public static PcrUpgradeException lostError(Lease lease, String what) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(what, "what");
    return new PcrUpgradeException(
        CoreErrorCode.LEASE_LOST,
        lease.deploymentId() + " - lease of '" + lease.holderId() + "' (generation "
            + lease.generation() + ") is lost: " + what
            + "; stop acting on this deployment and re-plan from a fresh inspection");
  }
}
