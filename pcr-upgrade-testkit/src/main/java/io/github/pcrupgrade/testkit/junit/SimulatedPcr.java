package io.github.pcrupgrade.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test method a fresh {@link io.github.pcrupgrade.testkit.SimulatedDeployment} parameter
 * built from these attributes, and fails the test when the deployment's invariant monitor
 * recorded a violation. On a method it overrides one on the class.
 *
 * <pre>{@code
 * @Test
 * @SimulatedPcr(primaryNodes = 3, standbyNodes = 3, series = "24.3", reader = true, seed = 42)
 * void upgrades(SimulatedDeployment deployment) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(SimulatedPcrExtension.class)
public @interface SimulatedPcr {

  /**
   * Nodes of the primary cluster.
   *
   * @return the node count, at least 1; default 3
   */
  int primaryNodes() default 3;

  /**
   * Nodes of the standby cluster.
   *
   * @return the node count, at least 1; default 3
   */
  int standbyNodes() default 3;

  /**
   * The series both clusters run and are finalized at.
   *
   * @return a series the built-in catalog knows, such as {@code 24.3} (the default); the nodes
   *     run its latest patch the testkit knows
   */
  String series() default "24.3";

  /**
   * The standby's binary series when it differs (empty: same as {@link #series()}).
   *
   * @return a series the primary's can upgrade to directly, or empty (the default); the standby
   *     then runs that series' latest known patch and its system VC is finalized at it
   */
  String standbySeries() default "";

  /**
   * A reader VC on the standby.
   *
   * @return whether the standby has {@code main-readonly}, which needs 24.3 or later; default
   *     false
   */
  boolean reader() default false;

  /**
   * A non-virtualized primary.
   *
   * @return whether the primary's system cluster is what is replicated; default false
   */
  boolean nonVirtualizedPrimary() default false;

  /**
   * The seed.
   *
   * @return the seed random choices and random faults are drawn from; default 0
   */
  long seed() default 0;

  /**
   * Fail the test when the invariant monitor recorded a violation.
   *
   * @return whether the extension calls the monitor's {@code assertClean()} after the test;
   *     default true
   */
  boolean failOnViolation() default true;
}
