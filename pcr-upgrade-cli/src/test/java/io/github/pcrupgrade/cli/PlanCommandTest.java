package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.ConditionKind;
import io.github.pcrupgrade.core.plan.HopKind;
import io.github.pcrupgrade.core.plan.StepKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  private static final Path SCHEMA = Path.of("..", "docs", "plan.schema.json");

  @TempDir Path dir;

  private Path write(DeploymentSnapshot s) throws Exception {
    return CliRunner.writeState(dir, s);
  }

  private static Set<ValidationMessage> validate(String json) throws Exception {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(SCHEMA));
    return schema.validate(Json.mapper().readTree(json));
  }

  @Test
  void printsTheDocumentedOrderAsANumberedTree() throws Exception {
    Path state = write(DeploymentSnapshot.builder().readerVc(true).build());

    CliRunner.Result r = CliRunner.run("plan", "--state", state.toString(), "--to", "25.2");

    assertThat(r.exitCode()).isZero();
    List<String> lines = r.out().lines().filter(l -> l.matches("\\s+1\\.\\d+ .*")).toList();
    assertThat(lines.get(3)).contains("standby:restart:n1");
    assertThat(lines.get(6)).contains("standby:finalize:system").contains("POINT OF NO RETURN");
    assertThat(lines.get(7)).contains("primary:restart:n1");
    assertThat(lines.get(10)).contains("primary:finalize:system");
    assertThat(lines.get(11)).contains("primary:finalize:main");
    assertThat(lines.get(12)).contains("await-replication");
    assertThat(lines.get(15)).contains("SET REPLICATION READ VIRTUAL CLUSTER")
        .contains("ALTER VIRTUAL CLUSTER \"main\"");
  }

  @Test
  void theJsonPlanValidatesAgainstItsPublishedSchema() throws Exception {
    Path state = write(DeploymentSnapshot.builder().readerVc(true).build());

    CliRunner.Result r = CliRunner.run("plan", "--state", state.toString(), "--to", "25.4",
        "--format", "json");

    assertThat(r.exitCode()).isZero();
    assertThat(validate(r.out())).isEmpty();
    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(doc.get("plan").get("hops")).hasSize(2);
  }

  @Test
  void aRefusalAsJsonValidatesToo() throws Exception {
    Path state = write(DeploymentSnapshot.builder().binaries("v25.2.0", "v25.2.0")
        .versions("25.2", "24.3").build());

    CliRunner.Result r = CliRunner.run("plan", "--state", state.toString(), "--to", "25.4",
        "--format", "json");

    assertThat(r.exitCode()).isEqualTo(ExitCode.VIOLATIONS.code());
    assertThat(validate(r.out())).isEmpty();
    assertThat(Json.mapper().readTree(r.out()).get("refused").asBoolean()).isTrue();
  }

  @Test
  void theSchemaNamesEveryKindTheCodeKnows() throws Exception {
    JsonNode defs = Json.mapper().readTree(Files.readString(SCHEMA)).get("$defs");

    assertThat(enumOf(defs.get("step").get("properties").get("kind")))
        .containsExactlyInAnyOrderElementsOf(names(StepKind.values()));
    assertThat(enumOf(defs.get("hop").get("properties").get("kind")))
        .containsExactlyInAnyOrderElementsOf(names(HopKind.values()));
    assertThat(enumOf(defs.get("condition").get("properties").get("kind")))
        .containsExactlyInAnyOrderElementsOf(names(ConditionKind.values()));
  }

  @Test
  void mermaidIsAFlowchart() throws Exception {
    Path state = write(DeploymentSnapshot.builder().build());

    CliRunner.Result r = CliRunner.run("plan", "--state", state.toString(), "--to", "25.2",
        "--format", "mermaid");

    // titled with the expected duration (docs/plan.md), then the flowchart
    assertThat(r.out().trim()).startsWith("---\ntitle: \"Upgrade plan to any 25.2 binary,"
        + " expected duration ").contains("\"\n---\nflowchart TD\n");
  }

  @Test
  void aRefusedPlanInTextSaysWhatToDo() throws Exception {
    Path state = write(DeploymentSnapshot.builder().build());

    CliRunner.Result r = CliRunner.run("plan", "--state", state.toString(), "--to", "24.1");

    assertThat(r.exitCode()).isEqualTo(ExitCode.VIOLATIONS.code());
    assertThat(r.out()).contains("TARGET_IS_DOWNGRADE").contains("what to do:");
  }

  private static List<String> enumOf(JsonNode node) {
    return StreamSupport.stream(node.get("enum").spliterator(), false).map(JsonNode::asText)
        .toList();
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  @Test
  void theDocumentedPlanExampleIsWhatTheCommandPrints() throws Exception {
    // docs/plan.md quotes this file; it must stay what `plan --format json` prints
    Path docs = Path.of("..", "docs", "examples");

    CliRunner.Result r = CliRunner.run("plan", "--state",
        docs.resolve("state-24.3-reader.json").toString(), "--to", "v25.2.4", "--format", "json");

    assertThat(Json.mapper().readTree(r.out())).isEqualTo(Json.mapper().readTree(
        Files.readString(docs.resolve("plan-24.3-to-v25.2.4.json"))));
  }
}
