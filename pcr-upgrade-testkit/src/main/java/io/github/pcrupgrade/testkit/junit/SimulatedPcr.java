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

  /** Nodes of the primary cluster. */
  int primaryNodes() default 3;

  /** Nodes of the standby cluster. */
  int standbyNodes() default 3;

  /** The series both clusters run and are finalized at. */
  String series() default "24.3";

  /** The standby's binary series when it differs (empty: same as {@link #series()}). */
  String standbySeries() default "";

  /** A reader VC on the standby. */
  boolean reader() default false;

  /** A non-virtualized primary. */
  boolean nonVirtualizedPrimary() default false;

  /** The seed. */
  long seed() default 0;

  /** Fail the test when the invariant monitor recorded a violation. */
  boolean failOnViolation() default true;
}
