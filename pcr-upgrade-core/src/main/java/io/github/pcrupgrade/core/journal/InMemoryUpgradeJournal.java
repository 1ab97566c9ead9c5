package io.github.pcrupgrade.core.journal;

import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A journal kept in memory: nothing survives the process. For tests, the testkit, and embedders
 * that keep their trail elsewhere. Time (record stamps and lease expiry) comes from the injected
 * {@link Clock}, so a virtual clock drives lease expiry. Thread-safe; the lease protects executors
 * sharing this instance, never executors in other processes.
 */
public final class InMemoryUpgradeJournal implements UpgradeJournal {

  private final Clock clock;
  private final Map<String, List<JournalRecord>> records = new HashMap<>();
  private final Map<String, LeaseState> leases = new HashMap<>();

  /**
   * A journal that reads time from {@code clock}.
   *
   * @param clock stamps records and judges lease expiry; a virtual clock makes leases expire in
   *     virtual time
   */
  public InMemoryUpgradeJournal(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized JournalRecord append(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    List<JournalRecord> history =
        records.computeIfAbsent(entry.deploymentId(), k -> new ArrayList<>());
    JournalRecord record = new JournalRecord(history.size() + 1L, clock.instant(), entry);
    history.add(record);
    return record;
  }

  @Override
  public synchronized List<JournalRecord> history(String deploymentId) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    return List.copyOf(records.getOrDefault(deploymentId, List.of()));
  }

  @Override
  public synchronized Lease acquireLease(String deploymentId, String holderId, Duration ttl) {
    LeaseRules.checkArguments(deploymentId, holderId, ttl);
    LeaseState next =
        LeaseRules.acquire(leases.get(deploymentId), deploymentId, holderId, ttl, clock.instant());
    leases.put(deploymentId, next);
    return next.toLease();
  }

  @Override
  public synchronized Lease renewLease(Lease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    LeaseRules.checkTtl(ttl);
    LeaseState next =
        LeaseRules.renew(leases.get(lease.deploymentId()), lease, ttl, clock.instant());
    leases.put(lease.deploymentId(), next);
    return next.toLease();
  }

  @Override
  public synchronized void releaseLease(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    LeaseState current = leases.get(lease.deploymentId());
    LeaseState next = LeaseRules.release(current, lease, clock.instant());
    if (next != null) {
      leases.put(lease.deploymentId(), next);
    }
  }

  /**
   * The deployment's lease as last recorded, possibly expired or released (a released lease
   * expires at its release time); empty when it was never leased. For tests and monitors.
   *
   * @param deploymentId the deployment
   * @return the last lease handed out for it, live or not; compare its expiry with the clock to
   *     tell
   */
  public synchronized Optional<Lease> currentLease(String deploymentId) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    return Optional.ofNullable(leases.get(deploymentId)).map(LeaseState::toLease);
  }
}
