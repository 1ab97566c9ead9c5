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

  /** Stores a record and returns it with its sequence and time. */
  JournalRecord append(JournalEntry entry);

  /** The deployment's records, in the order they were appended. */
  List<JournalRecord> history(String deploymentId);

  /** Takes the deployment's lease for {@code ttl}, or fails with {@code LEASE_HELD}. */
  Lease acquireLease(String deploymentId, String holderId, Duration ttl);

  /**
   * Extends a held lease by {@code ttl} from now, or fails with {@code LEASE_LOST} when {@code lease}
   * is no longer the current one.
   */
  Lease renewLease(Lease lease, Duration ttl);

  /** Gives the lease up if {@code lease} is still current; otherwise does nothing. */
  void releaseLease(Lease lease);
}
