/**
 * JUnit 5 support: {@link io.github.pcrupgrade.testkit.junit.SimulatedPcr} injects a fresh
 * simulated deployment into a test method and fails the test when its invariant monitor recorded
 * a violation. For test authors.
 */
package io.github.pcrupgrade.testkit.junit;
