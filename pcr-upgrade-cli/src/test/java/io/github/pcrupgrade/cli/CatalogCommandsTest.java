package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.json.Json;
import org.junit.jupiter.api.Test;

class CatalogCommandsTest {

  @Test
  void releasesListsEverySeriesWithItsDirectTargets() {
    CliRunner.Result r = CliRunner.run("releases");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).containsPattern("24\\.1\\s+REGULAR\\s+2024-05-20.*24\\.2, 24\\.3")
        .containsPattern("24\\.2\\s+INNOVATION.*\\s24\\.3\\s*\\n")
        .containsPattern("26\\.2\\s+REGULAR\\s+2026-04-27.*26\\.3, 26\\.4")
        .containsPattern("26\\.3\\s+INNOVATION\\s+planned.*26\\.4")
        // 26.4: Regular from 26.2 and 26.3 (crdb-pcr-sql-facts 10.5), no date known
        .containsPattern("26\\.4\\s+REGULAR\\s+planned\\s+-\\s+-\\s+26\\.2\\s+\\(none known\\)");
  }

  @Test
  void releasesAsJsonCarriesTheSchemaVersion() throws Exception {
    CliRunner.Result r = CliRunner.run("releases", "--format", "json");

    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(r.exitCode()).isZero();
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("releases")).hasSize(13);
    JsonNode r264 = doc.get("releases").get(12);
    assertThat(r264.get("series").asText()).isEqualTo("26.4");
    assertThat(r264.hasNonNull("gaDate")).isFalse();
    JsonNode r253 = doc.get("releases").get(8);
    assertThat(r253.get("series").asText()).isEqualTo("25.4");
    assertThat(r253.get("minSupported").asText()).isEqualTo("25.2");
  }

  @Test
  void pathGoesThroughTheRegularReleases() {
    CliRunner.Result r = CliRunner.run("path", "--from", "24.1", "--to", "25.2");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().trim()).isEqualTo("24.1 -> 24.3 -> 25.2  (2 hops)");
  }

  @Test
  void pathAsJsonListsTheHops() throws Exception {
    CliRunner.Result r = CliRunner.run("path", "--from", "24.3", "--to", "25.4", "--format", "json");

    JsonNode hops = Json.mapper().readTree(r.out()).get("hops");
    assertThat(hops).hasSize(2);
    assertThat(hops.get(1).get("from").asText()).isEqualTo("25.2");
    assertThat(hops.get(1).get("to").asText()).isEqualTo("25.4");
  }

  @Test
  void aDowngradeIsOneLineWithTheInputExitCode() {
    CliRunner.Result r = CliRunner.run("path", "--from", "25.2", "--to", "24.1");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("downgrade").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aMalformedSeriesNamesTheAcceptedForms() {
    CliRunner.Result r = CliRunner.run("path", "--from", "24.x", "--to", "25.2");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("'24.x'").contains("YY.R");
  }

  @Test
  void anUnknownSeriesNamesTheKnownOnes() {
    CliRunner.Result r = CliRunner.run("path", "--from", "24.3", "--to", "26.9");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("26.9").contains("23.1, 23.2");
  }

  @Test
  void aBadFlagIsAUsageError() {
    CliRunner.Result r = CliRunner.run("path", "--frm", "24.1", "--to", "25.2");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--frm").contains("pcr-upgrade path --help");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    CliRunner.Result r = CliRunner.run("--verbose", "path", "--from", "25.2", "--to", "24.1");

    assertThat(r.err()).contains("PcrUpgradeException").contains("\tat ");
  }
}
