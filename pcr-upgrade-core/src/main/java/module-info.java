/**
 * pcr-upgrade's core: versions, the release catalog, deployment snapshots, the rules, the planner
 * and its plans, the executor engine that drives a plan through the ports, and events. Pure: no
 * JDBC, no I/O. Every package is API; the ports an adapter implements are in {@code
 * io.github.pcrupgrade.core.spi}.
 */
module io.github.pcrupgrade.core {
  // Slf4jUpgradeListener takes an SLF4J Logger: a user of the listener needs the API too.
  requires transitive org.slf4j;

  exports io.github.pcrupgrade.core;
  exports io.github.pcrupgrade.core.capture;
  exports io.github.pcrupgrade.core.catalog;
  exports io.github.pcrupgrade.core.event;
  exports io.github.pcrupgrade.core.exec;
  exports io.github.pcrupgrade.core.journal;
  exports io.github.pcrupgrade.core.model;
  exports io.github.pcrupgrade.core.plan;
  exports io.github.pcrupgrade.core.preflight;
  exports io.github.pcrupgrade.core.rules;
  exports io.github.pcrupgrade.core.spi;
  exports io.github.pcrupgrade.core.version;
}
