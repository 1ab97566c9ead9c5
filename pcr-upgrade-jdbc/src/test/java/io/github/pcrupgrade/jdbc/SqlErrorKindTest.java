package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class SqlErrorKindTest {

  @ParameterizedTest
  @CsvSource({
      "40001, RETRYABLE", "08000, CONNECTION", "08006, CONNECTION", "57P01, CONNECTION",
      "28P01, AUTHENTICATION", "42501, PERMISSION", "42704, UNDEFINED_OBJECT",
      "42P02, UNDEFINED_OBJECT", "0A000, FEATURE_NOT_SUPPORTED", "XXUUU, OTHER", "55000, OTHER",
      "XXC02, LICENSE_THROTTLED"})
  void decodesEachSqlStateOnce(String state, SqlErrorKind expected) {
    assertThat(SqlErrorKind.ofState(state)).isEqualTo(expected);
  }

  @Test
  void findsTheStateOfACauseBehindAPoolTimeout() {
    PSQLException auth = new PSQLException("password authentication failed for user root",
        PSQLState.INVALID_PASSWORD);
    SQLException pool = new SQLTransientConnectionException("pool timed out", null, auth);

    assertThat(SqlErrorKind.of(pool)).isEqualTo(SqlErrorKind.AUTHENTICATION);
  }

  @Test
  void licenceThrottlingIsDecodedIntoATypedErrorNamingTheLicenceAndWhatToDo() {
    // Given the product's XXC02 refusal beyond 5 open transactions (crdb-pcr-sql-facts 11.3)
    PSQLException throttled = new PSQLException("No license installed. The maximum number of"
        + " concurrently open transactions has been reached.", PSQLState.UNKNOWN_STATE) {
      @Override
      public String getSQLState() {
        return "XXC02";
      }
    };
    ClusterConnectionSettings settings = ClusterConnectionSettings.builder("primary")
        .url("jdbc:postgresql://primary:26257/defaultdb").build();

    // When
    CockroachSqlException e = io.github.pcrupgrade.jdbc.internal.Sql.translate(throttled,
        settings, "system", "list virtual clusters");

    // Then
    assertThat(e.code()).isEqualTo(JdbcErrorCode.LICENSE_THROTTLED);
    assertThat(e.kind()).isEqualTo(SqlErrorKind.LICENSE_THROTTLED);
    assertThat(e.kind().isTransient()).isFalse();
    assertThat(e.getMessage()).contains("cluster 'primary' VC 'system'", "list virtual clusters",
        "No license installed", "XXC02", "no valid licence", "enterprise.license",
        "maxPoolSize 4");
  }

  @ParameterizedTest
  @CsvSource({"08003, true", "08006, true", "57P01, true", "08001, false", "08004, false",
      "08000, false", "40001, false", "XXUUU, false"})
  void tellsALostSessionFromAConnectionNeverMade(String state, boolean lost) {
    // a session the server closed (a node restart, crdb-pcr-sql-facts 10.2) against a connect
    // that failed or a routing refusal, which say nothing about the sessions already open
    assertThat(SqlErrorKind.isLostConnection(new SQLException("x", state))).isEqualTo(lost);
    SQLException wrapped = new SQLException("pool", null, new SQLException("io", state));
    assertThat(SqlErrorKind.isLostConnection(wrapped)).isEqualTo(lost);
  }

  @Test
  void onlyConflictsAndConnectionLossAreTransient() {
    assertThat(SqlErrorKind.RETRYABLE.isTransient()).isTrue();
    assertThat(SqlErrorKind.CONNECTION.isTransient()).isTrue();
    assertThat(SqlErrorKind.AUTHENTICATION.isTransient()).isFalse();
    assertThat(SqlErrorKind.OTHER.isTransient()).isFalse();
  }
}
