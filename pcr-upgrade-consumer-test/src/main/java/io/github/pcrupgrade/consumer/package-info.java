/**
 * A consumer of the published modules on the module path: plans from code and writes the plan
 * as JSON; upgrades a simulated deployment through the JDBC adapters over the testkit's wire
 * front, journalled in a file.
 */
package io.github.pcrupgrade.consumer;
