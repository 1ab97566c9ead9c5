/**
 * pcr-upgrade's capture check: compares a capture of a cluster with what the simulation serves for
 * the state it shows, in one call. For test suites, like the testkit.
 */
module io.github.pcrupgrade.capturecheck {
  requires transitive io.github.pcrupgrade.core;
  requires io.github.pcrupgrade.jdbc;
  requires io.github.pcrupgrade.testkit;

  exports io.github.pcrupgrade.capturecheck;
}
