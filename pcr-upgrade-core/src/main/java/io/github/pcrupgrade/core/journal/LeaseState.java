package io.github.pcrupgrade.core.journal;

import io.github.pcrupgrade.core.spi.Lease;
import java.time.Instant;
import java.util.Objects;

/**
 * What a journal stores about one deployment's lease: the last holder, its generation, when that
 * holder took it and until when it runs. A released lease keeps its holder and generation with
 * {@code expiresAt} set to the release time, so the next holder gets a higher generation.
 */
public record LeaseState(
    String deploymentId, String holderId, long generation, Instant acquiredAt, Instant expiresAt) {

  public LeaseState {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(holderId, "holderId");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True when the lease no longer protects its holder at {@code now}. */
  public boolean expiredAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return !now.isBefore(expiresAt);
  }

  /** The lease this state describes, as handed to its holder. */
  public Lease toLease() {
    return new Lease(deploymentId, holderId, generation, expiresAt);
  }
}
