package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input to every parser: a {@link VersionFormatException} with code
 * {@code MALFORMED_VERSION} whose message quotes the input and lists the accepted forms.
 */
class VersionFormatExceptionTest {

  private static VersionFormatException rejected(Function<String, ?> parser, String input) {
    VersionFormatException e =
        catchThrowableOfType(VersionFormatException.class, () -> parser.apply(input));
    assertThat(e).as("expected %s to be rejected", input).isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.MALFORMED_VERSION);
    assertThat(e.input()).isEqualTo(input);
    assertThat(e.getMessage())
        .contains(input == null ? "null" : "'" + input + "'")
        .contains("accepted forms");
    return e;
  }

  @ParameterizedTest(name = "cluster version [{0}]")
  @NullAndEmptySource
  @ValueSource(strings = {
      "24", "24.", "24.3.", ".3", "v24.3", "24.3 ", " 24.3", "24.3\n", "24,3", "24.3.0",
      "024.3", "24.03", "99999999999.1", "24.99999999999", "2147483648.1", "24.2147483648",
      "24.3-2147483648", "24.2-upgrading-to-24.3-step-2147483648", "24.2-upgrading-step-9999999999",
      "\u0662\u0664.\u0663", "\uff12\uff14.\uff13", "24.\u0663",
      "24.3-upgrading-to-24.2-step-004", "24.3-upgrading-to-24.3-step-004",
      "24.3-upgrading-to-24.4-step-000", "24.3-upgrading-step-000",
      "24.2-upgrading-to-24.3-step-", "24.2-upgrading-to-24.3-step-004x",
      "24.2-upgrading-to-24.3", "24.2-upgrading-to-24.3-step--04", "24.2-upgrading-final",
      "24.3-upgrading-final-step-001", "24.3-", "24.3--1", "24.3-08", "24.3-00", "24.3-a",
      "24.3-upgrading-to-24.x-step-004", "24.2-UPGRADING-TO-24.3-STEP-004",
      "24.2-upgrading-to-24.3-step-0000000004x"})
  void clusterVersionParserRejectsMalformedInput(String input) {
    VersionFormatException e = rejected(ClusterVersion::parse, input);
    assertThat(e.getMessage()).contains("cluster version").contains(ClusterVersion.FORMS);
  }

  @ParameterizedTest(name = "binary version [{0}]")
  @NullAndEmptySource
  @ValueSource(strings = {
      "v24.3", "24.3", "v24", "v24.3.", "v24.3.1.", "V24.3.1", "v24.3.1 ", " v24.3.1",
      "v024.3.1", "v24.03.1", "v24.3.01", "v99999999999.1.0", "v2147483648.1.0", "v24.3.2147483648",
      "v24.3.1-rc.2147483648", "v24.3.1-beta.9999999999", "v24.3.1-2147483648-gabcdef0", "v\u0662\u0664.3.1",
      "v24.3.1-alpha", "v24.3.1-alpha.", "v24.3.1-alpha.0", "v24.3.1-alpha.01",
      "v24.3.1-alpha.0000000", "v24.3.1-beta.00000000", "v24.3.1-rc.0", "v24.3.1-gamma.1",
      "v24.3.1-", "v24.3.1-12", "v24.3.1-12-g", "v24.3.1-12-gabc", "v24.3.1-0-gabcdef0",
      "v24.3.1-12-gABCDEF0", "v24.3.1-12-gxyz1234", "cockroach-", "cockroach-v", "vv24.3.1",
      "cockroach-cockroach-v24.3.1", "v24.3.1+build"})
  void binaryVersionParserRejectsMalformedInput(String input) {
    VersionFormatException e = rejected(BinaryVersion::parse, input);
    assertThat(e.getMessage()).contains("binary version").contains(BinaryVersion.FORMS);
  }

  @ParameterizedTest(name = "release series [{0}]")
  @NullAndEmptySource
  @ValueSource(strings = {
      "24", "24.", "24.3.", "v24.3", "24.3 ", "024.3", "24.03", "99999999999.1", "24.3-0",
      "24.3.1", "\u0662\u0664.\u0663", "-24.3", "24.-3", "2147483648.1", "24.2147483648"})
  void releaseSeriesParserRejectsMalformedInput(String input) {
    VersionFormatException e = rejected(ReleaseSeries::parse, input);
    assertThat(e.getMessage()).contains("release series").contains(ReleaseSeries.FORMS);
  }
}
