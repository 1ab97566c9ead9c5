package io.github.pcrupgrade.testkit.junit;

import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link SimulatedPcr}: resolves {@link SimulatedDeployment}
 * parameters (one fresh deployment per test method, shared by every parameter of that method) and,
 * after the test, fails it with the monitor's record when an invariant was broken. Stateless; the
 * deployment lives in the test's extension store.
 */
public final class SimulatedPcrExtension implements ParameterResolver, AfterEachCallback {

  /** Created by JUnit for {@code @ExtendWith}, through {@link SimulatedPcr}. */
  public SimulatedPcrExtension() {}

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SimulatedPcrExtension.class);
  private static final String KEY = "deployment";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SimulatedDeployment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY,
        k -> build(annotation(context)), SimulatedDeployment.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    SimulatedDeployment d = context.getStore(NAMESPACE).get(KEY, SimulatedDeployment.class);
    if (d != null && annotation(context).map(SimulatedPcr::failOnViolation).orElse(true)) {
      d.monitor().assertClean();
    }
  }

  /** Builds the deployment an annotation describes (defaults when absent). */
  static SimulatedDeployment build(Optional<SimulatedPcr> annotation) {
    SimulatedDeployment.Builder b = SimulatedDeployment.builder();
    annotation.ifPresent(a -> {
      b.nodes(a.primaryNodes(), a.standbyNodes()).series(a.series()).reader(a.reader())
          .nonVirtualizedPrimary(a.nonVirtualizedPrimary()).seed(a.seed());
      if (!a.standbySeries().isEmpty()) {
        b.standbyBinary(SimulatedDeployment.latestKnownBinary(
            ReleaseSeries.parse(a.standbySeries())).toString());
      }
    });
    return b.build();
  }

  private static Optional<SimulatedPcr> annotation(ExtensionContext context) {
    Optional<SimulatedPcr> onMethod = context.getTestMethod()
        .flatMap(m -> AnnotationSupport.findAnnotation(m, SimulatedPcr.class));
    return onMethod.isPresent() ? onMethod : context.getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, SimulatedPcr.class));
  }
}
