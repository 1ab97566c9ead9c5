package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.pcrupgrade.core.PcrUpgradeException;
import org.junit.jupiter.api.Test;

/**
 * URLs as operators type them: ports out of range, and passwords with an unencoded {@code @} or
 * {@code /}, which libpq-style URLs require to be percent-encoded but people paste as they are.
 */
class ClusterConnectionUrlTest {

  @Test
  void portsOutsideOneTo65535AreRefusedBeforeAnyConnection() {
    for (String port : new String[] {"0", "99999", "65536"}) {
      assertThatThrownBy(() -> ClusterConnectionSettings.builder("primary")
              .url("postgresql://root@db:" + port + "/defaultdb"))
          .isInstanceOf(PcrUpgradeException.class)
          .hasMessageContaining("port " + Integer.parseInt(port))
          .hasMessageContaining("1 to 65535")
          .extracting(e -> ((PcrUpgradeException) e).code())
          .isEqualTo(JdbcErrorCode.INVALID_SETTINGS);
    }
  }

  @Test
  void theEdgesOfThePortRangeAreAccepted() {
    assertThat(ClusterConnectionSettings.builder("p").url("postgresql://db:1/x").build().jdbcUrl())
        .isEqualTo("jdbc:postgresql://db:1/x");
    assertThat(ClusterConnectionSettings.builder("p").url("postgresql://db:65535/x").build()
        .jdbcUrl()).isEqualTo("jdbc:postgresql://db:65535/x");
  }

  @Test
  void aPasswordWithAnUnencodedAtAndSlashIsReadWhole() {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder("primary")
        .url("postgresql://admin:s3cr@t/pa@ss@db.example:26257/defaultdb?sslmode=require")
        .build();

    assertThat(s.user()).isEqualTo("admin");
    assertThat(s.passwordSupplier().get()).isEqualTo("s3cr@t/pa@ss");
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:26257/defaultdb");
    assertThat(s.toString()).doesNotContain("s3cr").doesNotContain("pa@ss");
  }

  @Test
  void aPasswordWithAQuestionMarkFailsWithoutEchoingAnyPartOfIt() {
    assertThatThrownBy(() -> ClusterConnectionSettings.builder("primary")
            .url("postgresql://admin:hunt?er2@db:26257/defaultdb"))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("percent-encoded")
        .hasMessageNotContaining("hunt")
        .hasMessageNotContaining("er2");
  }

  @Test
  void aUrlWithoutItsSchemeFailsWithoutEchoingThePassword() {
    assertThatThrownBy(() -> ClusterConnectionSettings.builder("primary")
            .url("root:pa@ss/w0rd@db:26257/defaultdb"))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("must start with jdbc:postgresql://")
        .hasMessageContaining("****@db:26257")
        .hasMessageNotContaining("pa@ss").hasMessageNotContaining("w0rd");
  }

  @Test
  void anyPasswordEitherParsesExactlyOrFailsWithoutEchoingIt() {
    qt().forAll(strings().betweenCodePoints(0x21, 0x7e).ofLengthBetween(6, 16),
            integers().between(1, 65535))
        .checkAssert((pw, port) -> {
          String url = "postgresql://admin:" + pw + "@db:" + port + "/defaultdb";
          try {
            ClusterConnectionSettings s = ClusterConnectionSettings.builder("c").url(url).build();
            assertThat(s.toString()).doesNotContain(pw);
            if (!pw.contains("?") && !pw.contains("%") && !pw.contains("+")) {
              assertThat(s.passwordSupplier().get()).isEqualTo(pw);
              assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db:" + port + "/defaultdb");
            }
          } catch (PcrUpgradeException e) {
            assertThat(e.code()).isEqualTo(JdbcErrorCode.INVALID_SETTINGS);
            assertThat(e.getMessage()).doesNotContain(pw);
          }
        });
  }
}
