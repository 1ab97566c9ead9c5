package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link UpgradeJournal} in memory. Lease expiry is judged by the clock it was given (in a
 * {@link SimulatedDeployment}, the virtual clock), never by the caller's. Thread-safe: every method
 * synchronizes on the lock it was given (the deployment, so that journal and simulation move
 * together). Not durable beyond the object's life.
 */
public final class InMemoryUpgradeJournal implements UpgradeJournal {

  private final Clock clock;
  private final Object lock;
  private final List<JournalRecord> records = new ArrayList<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, Long> generations = new HashMap<>();

  /** A journal judging time by {@code clock}, with its own lock. */
  public InMemoryUpgradeJournal(Clock clock) {
    this(clock, new Object());
  }

  InMemoryUpgradeJournal(Clock clock, Object lock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  @Override
  public JournalRecord append(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    synchronized (lock) {
      JournalRecord r = new JournalRecord(records.size() + 1L, clock.instant(), entry);
      records.add(r);
      return r;
    }
  }

  @Override
  public List<JournalRecord> history(String deploymentId) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    synchronized (lock) {
      return records.stream().filter(r -> r.entry().deploymentId().equals(deploymentId)).toList();
    }
  }

  @Override
  public Lease acquireLease(String deploymentId, String holderId, Duration ttl) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(holderId, "holderId");
    requirePositive(ttl);
    synchronized (lock) {
      Instant now = clock.instant();
      Lease current = leases.get(deploymentId);
      if (current != null && !current.holderId().equals(holderId)
          && current.expiresAt().isAfter(now)) {
        throw new PcrUpgradeException(CoreErrorCode.LEASE_HELD,
            "deployment '" + deploymentId + "' is leased by '" + current.holderId() + "' until "
                + current.expiresAt() + "; wait until then or until it releases the lease");
      }
      long generation = current != null && current.holderId().equals(holderId)
          && current.expiresAt().isAfter(now)
          ? current.generation()
          : generations.merge(deploymentId, 1L, Long::sum);
      Lease lease = new Lease(deploymentId, holderId, generation, now.plus(ttl));
      leases.put(deploymentId, lease);
      return lease;
    }
  }

  @Override
  public Lease renewLease(Lease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    requirePositive(ttl);
    synchronized (lock) {
      Lease current = leases.get(lease.deploymentId());
      if (current == null || current.generation() != lease.generation()
          || !current.holderId().equals(lease.holderId())) {
        throw new PcrUpgradeException(CoreErrorCode.LEASE_LOST,
            "the lease of '" + lease.holderId() + "' on deployment '" + lease.deploymentId()
                + "' (generation " + lease.generation() + ") is no longer current"
                + (current == null ? "" : "; '" + current.holderId() + "' holds generation "
                    + current.generation() + " until " + current.expiresAt())
                + ". Stop acting and run again to re-plan");
      }
      Lease renewed = new Lease(lease.deploymentId(), lease.holderId(), lease.generation(),
          clock.instant().plus(ttl));
      leases.put(lease.deploymentId(), renewed);
      return renewed;
    }
  }

  @Override
  public void releaseLease(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    synchronized (lock) {
      Lease current = leases.get(lease.deploymentId());
      if (current != null && current.generation() == lease.generation()
          && current.holderId().equals(lease.holderId())) {
        leases.remove(lease.deploymentId());
      }
    }
  }

  /** The lease currently recorded for the deployment (possibly expired), if any. */
  public Optional<Lease> currentLease(String deploymentId) {
    synchronized (lock) {
      return Optional.ofNullable(leases.get(deploymentId));
    }
  }

  /** True when a lease was ever acquired for the deployment. */
  public boolean everLeased(String deploymentId) {
    synchronized (lock) {
      return generations.containsKey(deploymentId);
    }
  }

  private static void requirePositive(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a lease ttl must be positive, got " + ttl);
    }
  }
}
