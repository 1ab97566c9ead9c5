package io.github.pcrupgrade.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every status spelling in crdb-pcr-sql-facts.md 2.4. */
class ReplicationStateTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {
      // newest source
      "initializing replication     | INITIALIZING",
      "creating initial splits      | INITIALIZING",
      "running initial scan         | INITIALIZING",
      "replicating                  | REPLICATING",
      "replication paused           | PAUSED",
      "replication pending failover | PENDING_FAILOVER",
      "replication failing over     | FAILING_OVER",
      "replication error            | ERROR",
      // before the failover rename (23.2 - 24.2 docs)
      "replication pending cutover  | PENDING_FAILOVER",
      "replication cutting over     | FAILING_OVER",
      // 23.1-era source, upper case
      "INITIALIZING REPLICATION     | INITIALIZING",
      "REPLICATING                  | REPLICATING",
      "REPLICATION PAUSED           | PAUSED",
      "REPLICATION PENDING CUTOVER  | PENDING_FAILOVER",
      "REPLICATION CUTTING OVER     | FAILING_OVER",
      "REPLICATION UNKNOWN (7)      | UNKNOWN",
      // anything else
      "unimplemented-9              | UNKNOWN",
      "unimplemented-0              | UNKNOWN",
      "''                           | UNKNOWN",
      "ready                        | UNKNOWN",
      "replicating now              | UNKNOWN",
  })
  void mapsEveryProductSpelling(String status, ReplicationState expected) {
    assertThat(ReplicationState.fromProduct(status)).isEqualTo(expected);
  }

  @Test
  void mapsNullToUnknown() {
    assertThat(ReplicationState.fromProduct(null)).isEqualTo(ReplicationState.UNKNOWN);
  }

  @Test
  void spellsStatesWithEitherNaming() {
    assertThat(ReplicationState.PENDING_FAILOVER.spelling(true))
        .isEqualTo("replication pending failover");
    assertThat(ReplicationState.PENDING_FAILOVER.spelling(false))
        .isEqualTo("replication pending cutover");
    assertThat(ReplicationState.FAILING_OVER.spelling(false)).isEqualTo("replication cutting over");
    for (ReplicationState s : ReplicationState.values()) {
      if (s != ReplicationState.UNKNOWN) {
        assertThat(ReplicationState.fromProduct(s.spelling(true))).isEqualTo(s);
        assertThat(ReplicationState.fromProduct(s.spelling(false))).isEqualTo(s);
      }
    }
  }
}
