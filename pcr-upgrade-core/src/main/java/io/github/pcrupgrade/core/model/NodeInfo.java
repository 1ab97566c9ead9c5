package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import java.util.Objects;

/**
 * One node of a cluster as an inspector observed it.
 *
 * @param id the node id ({@code node_id}), positive
 * @param address the advertised address ({@code host:port}); used in messages, never to connect
 * @param locality the locality string ({@code region=us-east1,zone=a}); empty when none
 * @param binary the binary the node runs (from its {@code build_tag})
 * @param liveness the node's liveness
 * @param draining true while the node is draining
 */
public record NodeInfo(
    int id, String address, String locality, BinaryVersion binary, Liveness liveness,
    boolean draining) {

  /**
   * Checks the id and that no other component is null.
   *
   * @param id 1 or more
   * @param address not null
   * @param locality not null; may be empty
   * @param binary not null
   * @param liveness not null
   * @param draining as observed
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for an id below 1
   */
  public NodeInfo {
    if (id <= 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "node id must be positive, got " + id + " for node at " + address);
    }
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(locality, "locality");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(liveness, "liveness");
  }

  /**
   * Whether the node counts for the rules.
   *
   * @return true in every liveness state but {@link Liveness#DECOMMISSIONED}
   */
  public boolean isMember() {
    return liveness != Liveness.DECOMMISSIONED;
  }

  /**
   * Whether the node is fit to serve.
   *
   * @return true when it is {@link Liveness#LIVE} and not draining
   */
  public boolean isHealthy() {
    return liveness == Liveness.LIVE && !draining;
  }

  /**
   * A copy running another binary.
   *
   * @param newBinary the binary
   * @return the copy, liveness and draining kept
   */
  public NodeInfo withBinary(BinaryVersion newBinary) {
    return new NodeInfo(id, address, locality, newBinary, liveness, draining);
  }

  /**
   * A copy with another liveness and draining flag.
   *
   * @param newLiveness the liveness
   * @param newDraining whether it is draining
   * @return the copy, binary kept
   */
  public NodeInfo withLiveness(Liveness newLiveness, boolean newDraining) {
    Objects.requireNonNull(newLiveness, "newLiveness");
    return new NodeInfo(id, address, locality, binary, newLiveness, newDraining);
  }

  @Override
  public String toString() {
    return "n" + id + "(" + address + ", " + binary + ", " + liveness + (draining ? ", draining" : "")
        + ")";
  }
}
