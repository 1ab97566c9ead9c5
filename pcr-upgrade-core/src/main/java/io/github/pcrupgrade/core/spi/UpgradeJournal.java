package io.github.pcrupgrade.core.spi;

import java.time.Duration;
import java.util.List;

/**
 * A durable record of what the executor did, and the per-deployment lease that keeps a second
 * executor from acting at the same time (invariant 9).
 *
 * <p><b>Who calls it, how often:</b> the executor, a few times per step (append), when a run with
 * work to do starts (acquire, polled while {@code leaseWait} allows), and before every step, right
 * before acting and after every wait between polls (renew); tools read the history.
 *
 * <p><b>Contract:</b> implementations are thread-safe and may be shared by several executors, even
 * in several processes (that is what the lease is for). {@link #append} is durable when it returns.
 * Lease expiry is judged by the journal's own clock (a database journal: the database's), never by
 * the caller's. Acquiring an expired lease succeeds and increments the generation; acquiring a lease
 * one already holds renews it.
 *
 * <p><b>Errors:</b> {@code PcrUpgradeException} with code {@code LEASE_HELD} (another holder, named
 * with its expiry), {@code LEASE_LOST} (on renew, when the lease expired and was taken or the
 * generation changed), or {@code PORT_FAILURE} (storage failed; the cause is attached).
 */
public interface UpgradeJournal {

  /**
   * Stores a record and returns it with its sequence and time. Does not check the lease: the
   * executor journals under its lease, except the halt of a run that lost or never got it.
   *
   * @param entry what to record
   * @return the stored record: the next sequence of the entry's deployment, stamped with the
   *     journal's time
   */
  JournalRecord append(JournalEntry entry);

  /**
   * The deployment's records, in the order they were appended.
   *
   * @param deploymentId the deployment
   * @return the records, oldest first; empty when nothing was ever recorded for it
   */
  List<JournalRecord> history(String deploymentId);

  /**
   * Takes the deployment's lease for {@code ttl}, or fails with {@code LEASE_HELD}.
   *
   * @param deploymentId the deployment, not blank
   * @param holderId the caller's unique id, not blank
   * @param ttl how long the lease lasts unless renewed, positive
   * @return the lease now held; pass it to every renewal and to the release
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code LEASE_HELD} when another holder's
   *     lease is live; {@code INVALID_ARGUMENT} for a blank id or a TTL that is not positive
   */
  Lease acquireLease(String deploymentId, String holderId, Duration ttl);

  /**
   * Extends a held lease by {@code ttl} from now, or fails with {@code LEASE_LOST} when {@code lease}
   * is no longer the current one.
   *
   * @param lease the lease as last returned by this journal
   * @param ttl how long from now the lease lasts unless renewed again, positive
   * @return the renewed lease (same holder and generation, later expiry)
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code LEASE_LOST} when the lease expired
   *     (even if nobody took it) or another generation holds it; {@code INVALID_ARGUMENT} for a TTL
   *     that is not positive
   */
  Lease renewLease(Lease lease, Duration ttl);

  /**
   * Gives the lease up if {@code lease} is still current; otherwise does nothing.
   *
   * @param lease the lease as last returned by this journal
   */
  void releaseLease(Lease lease);
}
