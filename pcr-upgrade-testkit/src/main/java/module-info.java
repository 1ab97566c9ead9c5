/**
 * pcr-upgrade's testkit: a deterministic simulated PCR deployment with fault injection and an
 * invariant monitor, a JUnit 5 extension, capture replay, the journal contract, and a PostgreSQL
 * wire-protocol front. The wire protocol, its SQL parser and the backends behind the front
 * ({@code io.github.pcrupgrade.testkit.internal.*}) are not exported. JUnit is needed only by
 * {@code ...testkit.junit} and {@code ...testkit.journal}; a test that uses them has it anyway.
 */
module io.github.pcrupgrade.testkit {
  requires transitive io.github.pcrupgrade.core;
  requires io.github.pcrupgrade.json;
  requires static org.junit.jupiter.api;
  requires org.slf4j;

  exports io.github.pcrupgrade.testkit;
  exports io.github.pcrupgrade.testkit.chaos;
  exports io.github.pcrupgrade.testkit.journal;
  exports io.github.pcrupgrade.testkit.junit;
  exports io.github.pcrupgrade.testkit.replay;
  exports io.github.pcrupgrade.testkit.sql;
}
