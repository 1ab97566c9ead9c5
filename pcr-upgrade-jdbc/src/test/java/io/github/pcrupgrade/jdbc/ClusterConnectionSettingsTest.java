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
