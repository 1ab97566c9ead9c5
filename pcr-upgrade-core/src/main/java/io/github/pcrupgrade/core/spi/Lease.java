package io.github.pcrupgrade.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The right of one executor to act on one deployment until {@code expiresAt}.
 *
 * @param deploymentId the deployment
 * @param holderId who holds it (an executor's unique id)
 * @param generation grows with every new holder; a holder whose generation is no longer current
 *     has lost the lease, even if its clock says otherwise
 * @param expiresAt when it expires unless renewed, judged by the journal's clock
 */
public record Lease(String deploymentId, String holderId, long generation, Instant expiresAt) {

  /**
   * Checks that the ids and {@code expiresAt} are not null.
   *
   * @param deploymentId the deployment
   * @param holderId who holds it (an executor's unique id)
   * @param generation grows with every new holder; a holder whose generation is no longer current
   *     has lost the lease, even if its clock says otherwise
   * @param expiresAt when it expires unless renewed, judged by the journal's clock
   * @throws NullPointerException naming the component that is null
   */
  public Lease {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(holderId, "holderId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
