package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Documents of another schemaVersion, with unknown properties or wrong types are refused with a
 * typed error naming the line, the column and what was expected; never with Jackson's text alone.
 */
class BadInputTest {

  private static final Path EXAMPLES = Path.of("..", "docs", "examples");

  private static String example(String name) throws Exception {
    return Files.readString(EXAMPLES.resolve(name));
  }

  /** The error of reading {@code text} as {@code type}. */
  private static PcrUpgradeException refused(DocumentType<?> type, String text) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class,
        () -> JsonDocuments.read(type, text));
    assertThat(e).as("reading must be refused").isNotNull();
    assertThat(e.getMessage()).doesNotContain("com.fasterxml", "Cannot deserialize", "`",
        "io.github.pcrupgrade.core");
    assertThat(e.getMessage().lines()).hasSize(1);
    return e;
  }

  /** "line L, column C" of the first occurrence of {@code marker} in {@code text} (1-based). */
  private static String placeOf(String text, String marker) {
    int at = text.indexOf(marker);
    assertThat(at).as("marker %s", marker).isNotNegative();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "line " + line + ", column " + (at - lineStart + 1);
  }

  @Test
  void aNewerSchemaVersionIsRefusedNamingWhereAndWhatThisReaderKnows() throws Exception {
    for (DocumentType<?> type : DocumentType.all()) {
      String file = switch (type.name()) {
        case "plan" -> "plan-24.3-to-v25.2.4.json";
        case "check-result" -> "check-clean.json";
        case "run-report" -> "run-report-simulated.json";
        default -> "state-24.3-reader.json";
      };
      // a newer version may add properties this reader does not know: the version is what is
      // reported, not the unknown property
      int newer = type.schemaVersion() + 1;
      String text = example(file).replace("\"schemaVersion\" : " + type.schemaVersion(),
          "\"schemaVersion\" : " + newer + ", \"addedInVersion" + newer + "\" : true");

      PcrUpgradeException e = refused(type, text);

      assertThat(e.code()).isEqualTo(JsonErrorCode.UNSUPPORTED_SCHEMA_VERSION);
      assertThat(e.getMessage()).startsWith(type.name() + " document, "
              + placeOf(text, newer + ", \"addedInVersion" + newer + "\"") + " ($.schemaVersion): ")
          .contains("schemaVersion " + newer + " is newer than this reader knows")
          .endsWith("expected schemaVersion " + type.schemaVersion()
              + (type.schemaVersion() > 1 ? " or older" : ""));
    }
  }

  @Test
  void aMissingOrNonIntegerSchemaVersionIsRefused() {
    PcrUpgradeException missing = refused(DocumentType.CHECK_RESULT,
        "{\"clean\": true, \"hasErrors\": false, \"violations\": []}");
    assertThat(missing.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(missing.getMessage()).contains("line 1, column 1", "\"schemaVersion\" is missing",
        "expected an integer schemaVersion 1");

    String text = "{\"schemaVersion\": \"1\", \"clean\": true, \"hasErrors\": false,"
        + " \"violations\": []}";
    PcrUpgradeException string = refused(DocumentType.CHECK_RESULT, text);
    assertThat(string.code()).isEqualTo(JsonErrorCode.UNSUPPORTED_SCHEMA_VERSION);
    assertThat(string.getMessage()).contains(placeOf(text, "\"1\""), "not an integer");
  }

  @Test
  void anUnknownPropertyIsNamedWithWhereItIsAndTheKnownOnes() throws Exception {
    String text = example("run-report-simulated.json").replace("\"took\"", "\"tookk\"");

    PcrUpgradeException e = refused(DocumentType.RUN_REPORT, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage())
        .startsWith("run-report document, " + placeOf(text, "\"tookk\"") + " ($.tookk): ")
        .contains("unknown property \"tookk\"")
        .contains("expected one of [haltReason, message, monitorViolations, runId,"
            + " schemaVersion, status, stepsDone, stepsTotal, took, violations]");
  }

  @Test
  void anUnknownPropertyDeepInAPlanNamesItsPath() throws Exception {
    String text = example("plan-24.3-to-v25.2.4.json")
        .replaceFirst("\"pointOfNoReturn\" : false", "\"pointOfNoReturn\" : false, \"retries\" : 3");

    PcrUpgradeException e = refused(DocumentType.PLAN, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains(placeOf(text, "\"retries\""))
        .contains("($.plan.hops[0].steps[0].retries)", "unknown property \"retries\"",
            "pointOfNoReturn");
  }

  @Test
  void anUnknownPropertyWhoseNameHasASlashIsStillPlaced() throws Exception {
    String text = example("check-clean.json").replace("\"clean\"", "\"clean/ok\"");

    PcrUpgradeException e = refused(DocumentType.CHECK_RESULT, text);

    assertThat(e.getMessage()).startsWith("check-result document, "
        + placeOf(text, "\"clean/ok\"") + " ($.clean/ok): unknown property \"clean/ok\"");
  }

  @Test
  void aValueOfTheWrongTypeSaysWhatWasExpected() throws Exception {
    String text = example("run-report-simulated.json").replace("\"stepsDone\" : 16",
        "\"stepsDone\" : \"sixteen\"");

    PcrUpgradeException e = refused(DocumentType.RUN_REPORT, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains(placeOf(text, "\"sixteen\""))
        .contains("($.stepsDone)").endsWith("expected an integer");
  }

  @Test
  void aNumberWhereAStringBelongsIsAWrongTypeNotAString() throws Exception {
    String text = example("state-24.3-reader.json").replace("\"name\" : \"primary\"",
        "\"name\" : 3");

    PcrUpgradeException e = refused(DocumentType.STATE_FILE, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains(placeOf(text, "3,\n    \"observedAt\""))
        .contains("($.primary.name)").endsWith("expected a string");
  }

  @Test
  void anUnknownEnumValueListsTheKnownOnes() throws Exception {
    String text = example("run-report-simulated.json").replace("\"COMPLETED\"", "\"EXPLODED\"");

    PcrUpgradeException e = refused(DocumentType.RUN_REPORT, text);

    assertThat(e.getMessage()).contains(placeOf(text, "\"EXPLODED\""))
        .contains("($.status)", "\"EXPLODED\" is not valid")
        .endsWith("expected one of [COMPLETED, HALTED, PAUSED, CANCELLED]");
  }

  @Test
  void anUnknownRuleCodeIsRefusedAsTheEvolutionRuleSays() {
    String text = "{\"schemaVersion\": 1, \"clean\": false, \"hasErrors\": true, \"violations\": [{"
        + "\"code\": \"NEW_RULE_OF_VERSION_2\", \"severity\": \"ERROR\", \"cluster\": \"standby\","
        + " \"message\": \"m\", \"remediation\": \"r\", \"source\": \"https://example.com\"}]}";

    PcrUpgradeException e = refused(DocumentType.CHECK_RESULT, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains("($.violations[0].code)", "NEW_RULE_OF_VERSION_2",
        "REPLICATED_VC_NEWER_THAN_DESTINATION");
  }

  @Test
  void aMalformedVersionSaysWhatAVersionLooksLike() throws Exception {
    String text = example("state-24.3-reader.json").replaceFirst("\"v24.3.12\"", "\"24.3.x\"");

    // the state file keeps binaries as strings and parses them when it becomes a snapshot: a
    // typed core error naming the node, without a line
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class,
        () -> JsonDocuments.readState(text));
    assertThat(e.code()).isEqualTo(CoreErrorCode.MALFORMED_VERSION);
    assertThat(e.getMessage()).contains("24.3.x");
    // in a plan the version types are read directly, with their place

    String plan = example("plan-24.3-to-v25.2.4.json").replaceFirst("\"25.2\"", "\"25.two\"");
    PcrUpgradeException p = refused(DocumentType.PLAN, plan);
    assertThat(p.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(p.getMessage()).contains(placeOf(plan, "\"25.two\""))
        .contains("($.plan.target.series)", "\"25.two\" is not valid")
        .endsWith("expected a release series such as \"25.2\"");
  }

  @Test
  void aMissingPropertyIsRefusedRatherThanDefaulted() throws Exception {
    // a point of no return that silently became false would let an executor skip the approval
    String text = example("plan-24.3-to-v25.2.4.json")
        .replaceFirst(",\\s*\"pointOfNoReturn\" : true", "");

    PcrUpgradeException e = refused(DocumentType.PLAN, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains("($.plan.hops[0].steps[4])",
        "property \"pointOfNoReturn\" is missing", "expected \"pointOfNoReturn\" with true or false");
  }

  @Test
  void aMissingListIsRefusedRatherThanReadAsEmpty() throws Exception {
    String text = example("run-report-simulated.json")
        .replace(",\n  \"monitorViolations\" : [ ]", "");

    PcrUpgradeException e = refused(DocumentType.RUN_REPORT, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).startsWith("run-report document, line 1, column 1 ($): ")
        .contains("property \"monitorViolations\" is missing")
        .endsWith("expected \"monitorViolations\" with an array");
  }

  @Test
  void aCheckResultWhoseFlagsContradictItsViolationsIsRefused() {
    PcrUpgradeException e = refused(DocumentType.CHECK_RESULT,
        "{\"schemaVersion\": 1, \"clean\": false, \"hasErrors\": true, \"violations\": []}");

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains("line 1", "contradict");
  }

  @Test
  void aRunReportHaltedWithoutAReasonIsRefusedAtTheObjectThatContradictsItself() throws Exception {
    String text = example("run-report-simulated.json").replace("\"COMPLETED\"", "\"HALTED\"");

    PcrUpgradeException e = refused(DocumentType.RUN_REPORT, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).startsWith("run-report document, line 1, column 1 ($): ")
        .contains("\"haltReason\" is given exactly when \"status\" is HALTED");
  }

  @Test
  void textThatIsNotJsonIsRefusedWithItsPlace() {
    String text = "{\n  \"schemaVersion\": 1,,\n}";

    PcrUpgradeException e = refused(DocumentType.STATE_FILE, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).startsWith("state-file document, " + placeOf(text, ",\n}")
        + " ($): the text is not JSON");
  }

  @Test
  void controlCharactersFromTheDocumentAreEscapedInTheMessage() throws Exception {
    String text = example("run-report-simulated.json")
        .replace("\"took\"", "\"to\\u001b[31mok\"");

    PcrUpgradeException e = refused(DocumentType.RUN_REPORT, text);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains("to\\u001b[31mok").doesNotContain("\u001b");
  }

  @Test
  void aDocumentThatIsNotAnObjectIsRefused() {
    PcrUpgradeException e = refused(DocumentType.PLAN, "[1, 2]");

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).endsWith("expected a JSON object");
  }
}
