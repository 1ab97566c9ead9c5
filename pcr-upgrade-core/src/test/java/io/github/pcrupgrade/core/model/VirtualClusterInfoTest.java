package io.github.pcrupgrade.core.model;

import static io.github.pcrupgrade.core.model.Snapshots.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class VirtualClusterInfoTest {

  private static VirtualClusterInfo vc(String name, VcKind kind, Optional<ReplicationInfo> repl) {
    return new VirtualClusterInfo(3, name, kind, DataState.READY, ServiceMode.SHARED,
        VersionReading.observed(ClusterVersion.parse("25.2")), Optional.empty(), repl);
  }

  private static PcrUpgradeException invalid(Runnable r) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class, r::run);
    assertThat(e).as("expected INVALID_ARGUMENT").isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    return e;
  }

  @ParameterizedTest(name = "[{0}]")
  @NullSource
  @ValueSource(strings = {
      "", "Main", "MAIN", "ma'in", "ma\"in", "main\"; DROP TABLE x; --", "-main", "main-", "-",
      "ma in", "ma_in", "ma.in", "m\u00e4in", "main\n", "\nmain", "main ",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void rejectsANameOutsideTheProductPattern(String name) {
    // When
    PcrUpgradeException e = invalid(() -> vc(name, VcKind.APPLICATION, Optional.empty()));

    // Then: the message names the VC and the rule
    assertThat(e.getMessage())
        .contains(name == null ? "null" : "'" + name + "'")
        .contains("a-z, 0-9 and '-'");
  }

  @Test
  void aHundredAndOneCharactersIsOneTooMany() {
    String hundred = "a".repeat(100);
    assertThat(vc(hundred, VcKind.APPLICATION, Optional.empty()).name()).hasSize(100);
    invalid(() -> vc(hundred + "a", VcKind.APPLICATION, Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"main", "a", "0", "main-readonly", "standby-readonly", "mytenant-100", "a-b-c"})
  void acceptsNamesInTheProductPattern(String name) {
    assertThat(VirtualClusterInfo.requireValidName(name)).isEqualTo(name);
    assertThat(vc(name, VcKind.APPLICATION, Optional.empty()).name()).isEqualTo(name);
  }

  @Test
  void rejectsASystemKindNotNamedSystem() {
    PcrUpgradeException e = invalid(() -> vc("main", VcKind.SYSTEM, Optional.empty()));
    assertThat(e.getMessage()).contains("'main'").contains("SYSTEM");
  }

  @ParameterizedTest
  @EnumSource(value = VcKind.class, names = {"APPLICATION", "READER"})
  void rejectsAnotherKindNamedSystem(VcKind kind) {
    PcrUpgradeException e = invalid(() -> vc("system", kind, Optional.empty()));
    assertThat(e.getMessage()).contains("'system'").contains(kind.name());
  }

  @Test
  void rejectsReplicationInfoOnAReaderVc() {
    Optional<ReplicationInfo> repl =
        Optional.of(ReplicationInfo.replicating("main", T0, Duration.ofSeconds(5)));
    PcrUpgradeException e = invalid(() -> vc("main-readonly", VcKind.READER, repl));
    assertThat(e.getMessage()).contains("'main-readonly'").contains("READER");
  }

  @Test
  void rejectsReplicationInfoOnTheSystemVc() {
    Optional<ReplicationInfo> repl =
        Optional.of(ReplicationInfo.replicating("main", T0, Duration.ofSeconds(5)));
    PcrUpgradeException e = invalid(() -> vc("system", VcKind.SYSTEM, repl));
    assertThat(e.getMessage()).contains("'system'");
  }

  @Test
  void anApplicationVcWithAStreamIsReplicating() {
    VirtualClusterInfo main = Snapshots.replicating(3, "main", "main");
    assertThat(main.isReplicating()).isTrue();
    assertThat(main.isServing()).isFalse();
    assertThat(main.withReplication(Optional.empty()).isReplicating()).isFalse();
  }

  @Test
  void readerIsNamedAfterTheReplicatingVc() {
    assertThat(VirtualClusterInfo.readerNameFor("main")).isEqualTo("main-readonly");
    assertThat(VirtualClusterInfo.readerNameFor("standby")).isEqualTo("standby-readonly");
  }

  @Test
  void servesSqlOnlyInSharedOrExternalMode() {
    VirtualClusterInfo main = Snapshots.app(3, "main", "25.2");
    assertThat(main.withState(DataState.READY, ServiceMode.SHARED).isServing()).isTrue();
    assertThat(main.withState(DataState.READY, ServiceMode.EXTERNAL).isServing()).isTrue();
    assertThat(main.withState(DataState.READY, ServiceMode.NONE).isServing()).isFalse();
    assertThat(main.withState(DataState.READY, ServiceMode.STOPPING).isServing()).isFalse();
    assertThat(ServiceMode.STOPPING.sql()).isEqualTo("stopping");
  }

  @Test
  void copiesChangeOnlyWhatTheyName() {
    VirtualClusterInfo main = Snapshots.app(3, "main", "25.2");
    VirtualClusterInfo pinned = main.withSettings(new FinalizationSettings(false, ""));
    VirtualClusterInfo newer = main.withVersion(VersionReading.observed(ClusterVersion.parse("25.4")));
    assertThat(pinned.settings()).contains(new FinalizationSettings(false, ""));
    assertThat(pinned.version()).isEqualTo(main.version());
    assertThat(newer.version().known()).contains(ClusterVersion.parse("25.4"));
    assertThat(newer.settings()).isEqualTo(main.settings());
  }
}
