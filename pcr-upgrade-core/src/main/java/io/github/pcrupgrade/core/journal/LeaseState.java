package io.github.pcrupgrade.core.journal;

import io.github.pcrupgrade.core.spi.Lease;
import java.time.Instant;
import java.util.Objects;

/**
 * What a journal stores about one deployment's lease: the last holder, its generation, when that
 * holder took it and until when it runs. A released lease keeps its holder and generation with
 * {@code expiresAt} set to the release time, so the next holder gets a higher generation.
 *
 * @param deploymentId the deployment
 * @param holderId the last holder
 * @param generation the last holder's generation, 1 for the first holder
 * @param acquiredAt when the last holder took the lease (a renewal keeps it), journal time
 * @param expiresAt when the lease stops protecting its holder, journal time
 */
public record LeaseState(
    String deploymentId, String holderId, long generation, Instant acquiredAt, Instant expiresAt) {

  /**
   * Checks that the ids and instants are not null.
   *
   * @param deploymentId the deployment
   * @param holderId the last holder
   * @param generation the last holder's generation, 1 for the first holder
   * @param acquiredAt when the last holder took the lease (a renewal keeps it), journal time
   * @param expiresAt when the lease stops protecting its holder, journal time
   * @throws NullPointerException naming the component that is null
   */
  public LeaseState {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(holderId, "holderId");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * True when the lease no longer protects its holder at {@code now}.
   *
   * @param now the journal's time
   * @return true from {@code expiresAt} on (a lease is live only strictly before it)
   */
  public boolean expiredAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return !now.isBefore(expiresAt);
  }

  /**
   * The lease this state describes, as handed to its holder.
   *
   * @return the lease, without {@code acquiredAt}
   */
  public Lease toLease() {
    return new Lease(deploymentId, holderId, generation, expiresAt);
  }
}
