package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testsupport.ExportedSurface;
import org.junit.jupiter.api.Test;

/**
 * The exported API names no type of a package this module does not export (issue 17, item 2): a
 * user on the module path could not name such a type, and on the class path it would make an
 * internal type part of the API.
 */
class ExportedSurfaceTest {

  @Test
  void noExportedSignatureNamesAHiddenType() {
    ExportedSurface surface = ExportedSurface.of(SimulatedDeployment.class);

    assertThat(surface.hidden()).as("the check has hidden packages to look for")
        .contains("io.github.pcrupgrade.testkit.internal.wire");
    assertThat(surface.leaks()).isEmpty();
  }
}
