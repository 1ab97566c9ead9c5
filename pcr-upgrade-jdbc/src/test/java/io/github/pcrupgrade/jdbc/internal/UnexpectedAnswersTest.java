package io.github.pcrupgrade.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Bad input from a server (issue 13): an unknown status string, a missing or wrongly typed column
 * is a typed error naming the cluster, the VC, the statement and what was seen; the values the
 * product documents are decoded (crdb-pcr-sql-facts 2.4).
 */
class UnexpectedAnswersTest {

  @Test
  void everyDocumentedServiceModeIsDecoded() {
    assertThat(JdbcClusterInspector.serviceMode("c", "v", "none")).isEqualTo(ServiceMode.NONE);
    assertThat(JdbcClusterInspector.serviceMode("c", "v", "shared")).isEqualTo(ServiceMode.SHARED);
    assertThat(JdbcClusterInspector.serviceMode("c", "v", "external"))
        .isEqualTo(ServiceMode.EXTERNAL);
    assertThat(JdbcClusterInspector.serviceMode("c", "v", "stopping"))
        .isEqualTo(ServiceMode.STOPPING);
  }

  @Test
  void anUnknownServiceModeIsATypedErrorNamingTheVcTheStatementAndTheValue() {
    assertThatThrownBy(() -> JdbcClusterInspector.serviceMode("standby", "main-readonly",
        "paus\u0007ed"))
        .isInstanceOfSatisfying(CockroachSqlException.class, e -> {
          assertThat(e.code()).isEqualTo(JdbcErrorCode.UNEXPECTED_RESPONSE);
          assertThat(e.getMessage()).contains("cluster 'standby' VC 'main-readonly'",
              "'SHOW VIRTUAL CLUSTERS' gave service_mode 'paus\\u0007ed'",
              "none, shared, external, stopping", "nothing was done");
        });
    assertThatThrownBy(() -> JdbcClusterInspector.serviceMode("standby", "main", null))
        .hasMessageContaining("service_mode NULL");
  }

  @Test
  void dataStatesAndReplicationStatusesAreDecodedAndAnythingElseRefused() {
    assertThat(JdbcClusterInspector.dataState("c", "v", "ready")).isEqualTo(DataState.READY);
    assertThat(JdbcClusterInspector.dataState("c", "v", "dropping"))
        .isEqualTo(DataState.DROPPING);
    assertThat(JdbcClusterInspector.dataState("c", "v", "add")).isEqualTo(DataState.ADD);
    assertThat(JdbcClusterInspector.dataState("c", "v", "replicating")).isEqualTo(DataState.ADD);
    assertThat(JdbcClusterInspector.dataState("c", "v", "running initial scan"))
        .isEqualTo(DataState.ADD);
    assertThatThrownBy(() -> JdbcClusterInspector.dataState("primary", "main", "archived"))
        .isInstanceOfSatisfying(CockroachSqlException.class, e -> {
          assertThat(e.code()).isEqualTo(JdbcErrorCode.UNEXPECTED_RESPONSE);
          assertThat(e.getMessage()).contains("cluster 'primary' VC 'main'",
              "data_state 'archived'");
        });
  }

  @Test
  void aRowThatCannotBeReadIsAnUnexpectedResponseNamingTheStatementNotAFailedStatement() {
    // Given what pgjdbc throws for a missing column or a value of another type
    SQLException missing = new PSQLException("The column name id was not found in this ResultSet.",
        PSQLState.UNDEFINED_COLUMN);
    ClusterConnectionSettings settings = ClusterConnectionSettings.builder("primary")
        .url("jdbc:postgresql://primary:26257/defaultdb").build();

    // When
    CockroachSqlException e = Sql.translate(new Sql.UnexpectedShape("SHOW VIRTUAL CLUSTERS",
        missing), settings, "system", "list virtual clusters");

    // Then
    assertThat(e.code()).isEqualTo(JdbcErrorCode.UNEXPECTED_RESPONSE);
    assertThat(e.getMessage()).contains("cluster 'primary' VC 'system'", "list virtual clusters",
        "'SHOW VIRTUAL CLUSTERS'", "The column name id was not found", "nothing was done");
  }
}
