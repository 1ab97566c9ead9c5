package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.version.BinaryVersion;
import java.time.Instant;

/** The mutable state of one simulated node. Guarded by the deployment's lock. */
final class NodeState {
  final int id;
  final String address;
  final String locality;
  BinaryVersion binary;
  boolean live = true;
  boolean draining;
  /** A drain, restart or rejoin is under way. */
  boolean restarting;
  long epoch = 1;
  Instant startedAt;

  NodeState(int id, String address, String locality, BinaryVersion binary, Instant startedAt) {
    this.id = id;
    this.address = address;
    this.locality = locality;
    this.binary = binary;
    this.startedAt = startedAt;
  }
}
