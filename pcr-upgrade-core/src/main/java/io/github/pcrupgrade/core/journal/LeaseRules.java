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

  /**
   * {@code INVALID_ARGUMENT} unless the ids are not blank and the TTL is positive. Call before
   * {@link #acquire}.
   *
   * @param deploymentId the deployment
   * @param holderId the would-be holder
   * @param ttl the lease's length
   * @throws NullPointerException naming the argument that is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a blank id or a TTL not positive
   */
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

  /**
   * {@code INVALID_ARGUMENT} unless the TTL is positive. Call before {@link #renew}.
   *
   * @param ttl the lease's length
   * @throws NullPointerException when {@code ttl} is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a zero or negative TTL
   */
  public static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new PcrUpgradeException(
          CoreErrorCode.INVALID_ARGUMENT, "ttl must be positive, got " + ttl);
    }
  }

  /**
   * The state after {@code holderId} acquires, or {@code LEASE_HELD}.
   *
   * @param current the stored state, or null when the deployment was never leased
   * @param deploymentId the deployment
   * @param holderId the would-be holder
   * @param ttl the lease's length, already checked by {@link #checkArguments}
   * @param now the journal's time
   * @return the state to store: a new generation expiring at {@code now + ttl} when
   *     {@code current} is null or expired; the same generation with the new expiry when
   *     {@code holderId} already holds it
   * @throws PcrUpgradeException {@code LEASE_HELD} when someone else's lease is live at
   *     {@code now}
   */
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

  /**
   * The state after the holder of {@code lease} renews it, or {@code LEASE_LOST}.
   *
   * @param current the stored state, or null when the deployment was never leased
   * @param lease the lease as the holder last received it
   * @param ttl the lease's length, already checked by {@link #checkTtl}
   * @param now the journal's time
   * @return the state to store: same holder, generation and {@code acquiredAt}, expiring at
   *     {@code now + ttl}
   * @throws PcrUpgradeException {@code LEASE_LOST} when {@code current} is another holder's or
   *     generation's, or has expired at {@code now} (even when nobody took it over)
   */
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

  /**
   * The state after the holder of {@code lease} releases it; {@code current} when not its own.
   *
   * @param current the stored state, or null when the deployment was never leased
   * @param lease the lease as the holder last received it
   * @param now the journal's time
   * @return {@code current} expiring at {@code now}, or {@code current} itself (possibly null)
   *     when the lease is not the caller's or has already expired: store nothing then
   */
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

  /**
   * The {@code LEASE_HELD} error naming the holder and until when.
   *
   * @param current the live lease of another holder
   * @return the error, to throw
   */
  public static PcrUpgradeException held(LeaseState current) {
    Objects.requireNonNull(current, "current");
    return held(
        current.deploymentId(),
        current.holderId(),
        current.generation(),
        current.expiresAt(),
        "");
  }

  /**
   * The {@code LEASE_HELD} error, with an optional suffix naming the process.
   *
   * @param deploymentId the deployment
   * @param holderId the holder
   * @param generation the holder's generation
   * @param expiresAt when the holder's lease expires, journal time
   * @param where appended after the holder's name as is (the file journal names the holding
   *     process and since when, in parentheses after a space); empty for none
   * @return the error, to throw; its message tells the caller to wait or let the lease expire
   */
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

  /**
   * The {@code LEASE_LOST} error saying what became of the lease.
   *
   * @param lease the lease the caller believed it held
   * @param current the stored state, or null when there is none
   * @return the error, to throw; its message says whether the lease was taken, expired or
   *     released, and tells the caller to stop and re-plan
   */
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

  /**
   * The {@code LEASE_LOST} error with {@code what} saying what became of the lease.
   *
   * @param lease the lease the caller believed it held
   * @param what what became of it, in words; the message reads "... is lost: " then this
   * @return the error, to throw
   */
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
