package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.jdbc.journal.JdbcUpgradeJournal;
import io.github.pcrupgrade.testsupport.ExportedSurface;
import io.github.pcrupgrade.testsupport.NullChecks;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor, public static method and builder method of this module's exported
 * packages ({@code jdbc.internal} is not exported) refuses a null reference argument with a
 * {@link NullPointerException} naming the parameter (issue 17).
 *
 * <p>Not checkable by reflection, and why: the journal's methods act on a database, so their
 * valid call fails without one; their null checks run before any I/O, and {@link
 * #theJournalRefusesNullBeforeItTouchesTheDatabase} calls them on a journal whose data source
 * refuses every call.
 */
class PublicNullChecksTest {

  private static final List<String> EXPORTED =
      List.of("io.github.pcrupgrade.jdbc", "io.github.pcrupgrade.jdbc.journal");

  static ClusterConnectionSettings settings(String name) {
    return ClusterConnectionSettings.builder(name).url("postgresql://localhost:1/defaultdb")
        .user("root").build();
  }

  /** A data source that refuses every call: no check may reach the database. */
  private static final DataSource NO_DATABASE = (DataSource) Proxy.newProxyInstance(
      PublicNullChecksTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
      (proxy, method, args) -> {
        throw new SQLException("no database in this test");
      });

  private static final Map<Class<?>, Object> SAMPLES = Map.of(
      ClusterConnectionSettings.class, settings("primary"),
      SQLException.class, new SQLException("a failure", "40001"),
      Throwable.class, new SQLException("a failure", "40001"),
      ReleaseCatalog.class, ReleaseCatalog.builtIn(),
      SqlRetry.class, SqlRetry.defaults());

  /**
   * Documented as nullable: {@code SqlErrorKind.ofState} ("Decodes a SQLSTATE; null or blank is
   * OTHER"); an error's SQLSTATE and VC ({@code sqlState()} "if the server sent one", {@code
   * virtualCluster()} an Optional: an error of no VC) and its cause, as for every Throwable.
   */
  private static final Set<String> NULLABLE = Set.of("SqlErrorKind#ofState(state)",
      "CockroachSqlException#new(sqlState)", "CockroachSqlException#new(virtualCluster)",
      "CockroachSqlException#new(cause)");

  private static final Map<Class<?>, Supplier<?>> RECEIVERS = Map.of(
      ClusterConnectionSettings.Builder.class, () -> ClusterConnectionSettings.builder("primary"),
      CockroachCluster.Builder.class,
      () -> CockroachCluster.builder(settings("primary"), ClusterRole.PRIMARY),
      Preflight.Builder.class, () -> Preflight.builder(settings("primary"), settings("standby")),
      SqlRetry.Builder.class, SqlRetry::builder,
      SqlRetry.class, SqlRetry::defaults,
      Capture.class, () -> Capture.of(settings("primary"), settings("standby")),
      JdbcUpgradeJournal.Builder.class, () -> JdbcUpgradeJournal.builder(NO_DATABASE));

  private static final Map<String, List<Object>> ARGUMENTS = Map.of(
      "ClusterConnectionSettings$Builder#url", args("postgresql://localhost:1/defaultdb"),
      "SqlErrorKind#ofState", args("40001"),
      "ClusterConnectionSettings$Builder#blockingStatementTimeout", args(Duration.ofMinutes(5)));

  private static List<Object> args(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void theExportedPackagesAreTheOnesChecked() {
    // read from the compiled module-info, also when the tests run on the class path
    assertThat(ExportedSurface.of(CockroachCluster.class).exported())
        .containsExactlyInAnyOrderElementsOf(EXPORTED);
  }

  @Test
  void everyPublicConstructorStaticAndBuilderMethodNamesItsNullParameter() {
    List<Class<?>> types = new ArrayList<>();
    EXPORTED.forEach(p -> types.addAll(NullChecks.classesOf(CockroachCluster.class, p)));
    NullChecks.Report report = new NullChecks(SAMPLES::get, NULLABLE)
        .withReceivers(RECEIVERS::get).withArguments(ARGUMENTS).check(types);
    System.out.println("null checks: " + report.checked().size() + " parameters checked; not"
        + " checkable by reflection:\n  " + String.join("\n  ", report.unchecked()));
    System.out.println("null check failures:\n  " + String.join("\n  ", report.failures()));
    assertThat(report.failures()).as("parameters that do not refuse null by name").isEmpty();
    assertThat(report.checked()).hasSizeGreaterThan(20);
    assertThat(report.unchecked())
        .containsExactly("JdbcUpgradeJournal: no receiver for its instance methods"
            + " [acquireLease, append, history, releaseLease, renewLease]");
  }

  @Test
  void theJournalRefusesNullBeforeItTouchesTheDatabase() {
    JdbcUpgradeJournal journal = JdbcUpgradeJournal.builder(NO_DATABASE).build();
    Lease lease = new Lease("deployment-a", "executor-1", 1, Instant.EPOCH);
    Duration ttl = Duration.ofMinutes(1);

    assertNullNamed(() -> journal.append(null), "entry");
    assertNullNamed(() -> journal.history(null), "deploymentId");
    assertNullNamed(() -> journal.acquireLease(null, "executor-1", ttl), "deploymentId");
    assertNullNamed(() -> journal.acquireLease("deployment-a", null, ttl), "holderId");
    assertNullNamed(() -> journal.acquireLease("deployment-a", "executor-1", null), "ttl");
    assertNullNamed(() -> journal.renewLease(null, ttl), "lease");
    assertNullNamed(() -> journal.renewLease(lease, null), "ttl");
    assertNullNamed(() -> journal.releaseLease(null), "lease");
    // The same calls with valid arguments reach the database, which refuses: a typed error.
    assertThatThrownBy(() -> journal.history("deployment-a"))
        .isInstanceOf(PcrUpgradeException.class);
  }

  private static void assertNullNamed(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }
}
