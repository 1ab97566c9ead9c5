package io.github.pcrupgrade.jdbc;

import static io.github.pcrupgrade.testsupport.Gens.anyString;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterConnectionSettingsTest {

  @Test
  void libpqUrlsGiveCredentialsAndDriverProperties() {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder("primary")
        .url("postgresql://upgrader:s%40cret@h1:26257,h2:26258/defaultdb?sslmode=verify-full"
            + "&sslrootcert=%2Fcerts%2Fca.crt&options=-ccluster%3Dmain")
        .build();

    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:26257,h2:26258/defaultdb");
    assertThat(s.user()).isEqualTo("upgrader");
    assertThat(s.passwordSupplier().get()).isEqualTo("s@cret");
    assertThat(s.driverProperties()).containsEntry("sslmode", "verify-full")
        .containsEntry("sslrootcert", "/certs/ca.crt")
        .doesNotContainKey("options");
  }

  @Test
  void jdbcUrlsKeepOtherOptionsButNotTheVirtualClusterRouting() {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder("standby")
        .url("jdbc:postgresql://db:26257/defaultdb?options=-ccluster%3Dsystem%20-cstatement_timeout%3D5000")
        .build();

    assertThat(s.driverProperties()).containsEntry("options", "-cstatement_timeout=5000");
    assertThat(s.user()).isEqualTo("root");
  }

  @Test
  void noSettingCanReRouteTheAdaptersSessionsToAnotherVirtualCluster() {
    // The adapters choose each session's VC with -ccluster=<vc> (crdb-pcr-sql-facts 9.1); an
    // option or database prefix choosing another would send system-VC statements elsewhere.
    assertThat(ClusterConnectionSettings.builder("p")
        .url("jdbc:postgresql://db:26257/defaultdb?options=-c%20cluster%3Dapp%20--cluster%3Dx%20"
            + "-c%20application_name%3Dy")
        .build().driverProperties()).containsEntry("options", "-c application_name=y");
    for (String options : new String[] {"-ccluster=app", "--cluster=app",
        "-cstatement_timeout=5000 -c cluster=app"}) {
      assertThatThrownBy(() -> ClusterConnectionSettings.builder("p").url("postgresql://db:26257")
          .driverProperty("options", options))
          .isInstanceOfSatisfying(PcrUpgradeException.class, e -> {
            assertThat(e.code()).isEqualTo(JdbcErrorCode.INVALID_SETTINGS);
            assertThat(e.getMessage()).contains("chooses a virtual cluster");
          });
    }
    assertThat(ClusterConnectionSettings.builder("p").url("postgresql://db:26257")
        .driverProperty("options", "-c statement_timeout=5000").build().driverProperties())
        .containsEntry("options", "-c statement_timeout=5000");
    assertThatThrownBy(() -> ClusterConnectionSettings.builder("p")
        .url("postgresql://db:26257/cluster:app/defaultdb"))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.getMessage()).contains("'cluster:' prefix"));
  }

  @Test
  void theStringFormNeverShowsThePassword() {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder("primary")
        .url("postgres://root:hunter2@db:26257/defaultdb").build();

    assertThat(s.toString()).doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void aForeignSchemeIsRefusedWithoutEchoingThePassword() {
    assertThatThrownBy(() -> ClusterConnectionSettings.builder("primary")
            .url("mysql://root:hunter2@db:3306/x"))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("must start with jdbc:postgresql://")
        .hasMessageNotContaining("hunter2")
        .extracting(e -> ((PcrUpgradeException) e).code())
        .isEqualTo(JdbcErrorCode.INVALID_SETTINGS);
  }

  @Test
  void aMalformedPortIsNamed() {
    assertThatThrownBy(() -> ClusterConnectionSettings.builder("primary")
            .url("postgresql://db:26x57/defaultdb"))
        .hasMessageContaining("malformed host:port in 'postgresql://db:26x57/defaultdb'");
  }

  @Test
  void settingsWithoutUrlAreRefused() {
    assertThatThrownBy(() -> ClusterConnectionSettings.builder("primary").build())
        .hasMessageContaining("has no url");
  }

  @Test
  void limitsAreCheckedOnEntryAndNamed() {
    ClusterConnectionSettings.Builder b = ClusterConnectionSettings.builder("p");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ofMillis(1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> b.maxPoolSize(0)).hasMessageContaining("maxPoolSize");
    assertThatThrownBy(() -> b.appVirtualCluster("Main\"; DROP"))
        .hasMessageContaining("appVirtualCluster");
    assertThatThrownBy(() -> b.driverProperty("password", "x"))
        .hasMessageContaining("password()");
  }

  @Test
  void anyUrlEitherParsesOrFailsWithTheTypedError() {
    // Any text after the scheme, up to jqwik's former default length of 255
    qt().forAll(anyString(0, 255)).checkAssert(url -> {
      try {
        ClusterConnectionSettings.builder("c").url("postgresql://" + url).build();
      } catch (PcrUpgradeException e) {
        assertThat(e.code()).isEqualTo(JdbcErrorCode.INVALID_SETTINGS);
      }
    });
  }
}
