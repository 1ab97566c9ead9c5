package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever an operator's state file holds, {@code check} ends with a result (0, 1) or a typed
 * bad-input error (3) on one line, never exit 10: the example state file with any one value
 * replaced by null, a wrong type, an empty or out-of-range value.
 */
class StateFileInputProperties {

  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "state-24.3-reader.json");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<JsonNode> REPLACEMENTS = List.of(F.nullNode(), F.textNode(""),
      F.textNode("banana"), F.numberNode(-1), F.numberNode(Long.MAX_VALUE), F.booleanNode(true),
      F.arrayNode(), F.objectNode(), F.arrayNode().add(F.nullNode()), F.textNode("v99.99.99"),
      F.textNode("\u001b[2J"));

  @TempDir Path dir;

  @Test
  void anyOneValueReplacedEndsInAResultOrATypedErrorNeverExit10() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode original = mapper.readTree(Files.readString(EXAMPLE));
    int slots = slots(original).size();
    qt().withExamples(150).forAll(integers().between(0, slots - 1),
            integers().between(0, REPLACEMENTS.size() - 1))
        .checkAssert((slot, replacement) -> {
          JsonNode copy = original.deepCopy();
          Slot s = slots(copy).get(slot);
          s.set(REPLACEMENTS.get(replacement));
          try {
            Path file = Files.writeString(dir.resolve("s.json"), mapper.writeValueAsString(copy));
            CliRunner.Result r = CliRunner.run("check", "--state", file.toString());
            assertThat(r.exitCode()).as(s + " -> " + REPLACEMENTS.get(replacement) + ": "
                + r.err()).isIn(0, 1, 3);
            assertThat(r.err()).doesNotContain("internal error").doesNotContain("\u001b");
            if (r.exitCode() == 3) {
              assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** A place in the tree that holds a value. */
  private record Slot(ContainerNode<?> parent, String field, int index) {
    void set(JsonNode v) {
      if (parent instanceof ObjectNode o) {
        o.set(field, v);
      } else {
        ((ArrayNode) parent).set(index, v);
      }
    }
  }

  private static List<Slot> slots(JsonNode root) {
    List<Slot> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(JsonNode n, List<Slot> out) {
    if (n instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(f -> {
        out.add(new Slot(o, f, -1));
        collect(o.get(f), out);
      });
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new Slot(a, null, i));
        collect(a.get(i), out);
      }
    }
  }
}
