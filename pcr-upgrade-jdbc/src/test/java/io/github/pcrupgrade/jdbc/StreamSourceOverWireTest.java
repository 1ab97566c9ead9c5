package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Preflight's {@code stream-source} check (issue 16, item 1): while replicating, the host of the
 * standby's {@code source_cluster_uri} is the only visible evidence of where its stream comes from
 * (crdb-pcr-sql-facts 11.1): a match is OK as weak evidence, a mismatch a WARN at most, a URI
 * without a visible host a WARN that it was not checked; credentials in the URI never printed.
 */
class StreamSourceOverWireTest {

  private static PreflightReport preflight(SimulatedDeployment d, SimulatedPcrServer server) {
    return Preflight.builder(settings("primary", server.primaryUrl()),
        settings("standby", server.standbyUrl())).clock(d.clock()).build().run();
  }

  private static ClusterConnectionSettings settings(String name, String url) {
    return ClusterConnectionSettings.builder(name).url(url).user("root")
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static PreflightCheck streamSource(PreflightReport r) {
    assertThat(r.named("stream-source")).as(r.toString()).hasSize(1);
    return r.named("stream-source").get(0);
  }

  private static PreflightCheck withStreamUri(String uri) {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("standby",
        ClusterAdministration.defaults().withSourceClusterUri(uri)).start()) {
      return streamSource(preflight(d, server));
    }
  }

  @Test
  void aStreamFromThePrimarysAddressIsOkAsWeakEvidence() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      PreflightCheck c = streamSource(preflight(d, server));

      assertThat(c.verdict()).as(c.toString()).isEqualTo(Verdict.OK);
      assertThat(c.subject()).isEqualTo("standby/main");
      assertThat(c.seen()).contains("127.0.0.1:" + server.port("primary")).contains("weak evidence");
    }
  }

  @Test
  void anotherHostIsAWarningAtMostAndTheUrisCredentialsAreNeverPrinted() {
    PreflightCheck c = withStreamUri("postgresql://repl_user:s3cret-pw@lb.example.net:26257"
        + "/defaultdb?options=-ccluster%3Dsystem&sslmode=verify-full&sslrootcert=KEYDATA");

    assertThat(c.verdict()).as(c.toString()).isEqualTo(Verdict.WARN);
    assertThat(c.seen()).contains("[lb.example.net:26257]").contains("load balancer");
    assertThat(c.todo()).contains("confirm that the standby's stream comes from 'primary'");
    assertThat(c.toString()).doesNotContain("s3cret-pw").doesNotContain("repl_user")
        .doesNotContain("KEYDATA");
  }

  @Test
  void anExternalConnectionOrARedactedUriIsAWarningThatItWasNotChecked() {
    PreflightCheck external = withStreamUri("external://primary-link");
    PreflightCheck redacted = withStreamUri("redacted");

    assertThat(external.verdict()).isEqualTo(Verdict.WARN);
    assertThat(external.seen()).contains("external connection").contains("was not checked");
    assertThat(redacted.verdict()).isEqualTo(Verdict.WARN);
    assertThat(redacted.seen()).contains("no host").contains("was not checked");
  }

  @Test
  void hostsAreReadFromEveryUriFormAndNothingElse() {
    assertThat(StreamSourceCheck.endpoints("postgresql://u:p@a.example:26257,b.example/db?x=1"))
        .extracting(Object::toString).containsExactly("a.example:26257", "b.example");
    assertThat(StreamSourceCheck.endpoints("jdbc:postgresql://[::1]:5432/defaultdb"))
        .extracting(Object::toString).containsExactly("[::1]:5432");
    assertThat(StreamSourceCheck.endpoints("postgresql://redacted@redacted:26257/")).isEmpty();
    assertThat(StreamSourceCheck.endpoints("not a uri")).isEmpty();
    // a port is compared only when both sides give one
    assertThat(StreamSourceCheck.judge("s/main", "primary",
        StreamSourceCheck.endpoints("jdbc:postgresql://DB1.example/defaultdb"),
        Optional.of("postgresql://db1.example:26257/defaultdb")).verdict()).isEqualTo(Verdict.OK);
    assertThat(StreamSourceCheck.judge("s/main", "primary",
        StreamSourceCheck.endpoints("jdbc:postgresql://db1.example:26258/defaultdb"),
        Optional.of("postgresql://db1.example:26257/defaultdb")).verdict())
        .isEqualTo(Verdict.WARN);
    assertThat(StreamSourceCheck.judge("s/main", "primary", List.of(), Optional.empty())
        .seen()).contains("empty");
  }
}
