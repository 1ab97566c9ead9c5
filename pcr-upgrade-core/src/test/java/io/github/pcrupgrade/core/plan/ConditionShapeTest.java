package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The canonical constructor's rules, as {@link Condition}'s Javadoc states them: each kind needs
 * the fields it names, the cluster is absent exactly for ALWAYS, ALL_OF and ANY_OF, and only the
 * compound kinds take operands. Mutation testing showed none of these checks was tested once they
 * were moved out of the constructor (PIT does not mutate a record's canonical constructor).
 */
class ConditionShapeTest {

  private static final ReleaseSeries S252 = ReleaseSeries.parse("25.2");

  /** The fields each leaf kind needs, from the constructor's Javadoc. */
  private static final Map<ConditionKind, Set<Field>> NEEDS = Map.ofEntries(
      Map.entry(ConditionKind.NODE_RUNS, EnumSet.of(Field.NODE_ID, Field.BINARY)),
      Map.entry(ConditionKind.ALL_NODES_RUN, EnumSet.of(Field.BINARY)),
      Map.entry(ConditionKind.ALL_VCS_AT_LEAST, EnumSet.of(Field.SERIES)),
      Map.entry(ConditionKind.VC_FINAL_AT, EnumSet.of(Field.VIRTUAL_CLUSTER, Field.SERIES)),
      Map.entry(ConditionKind.VC_VERSION_AT_LEAST,
          EnumSet.of(Field.VIRTUAL_CLUSTER, Field.SERIES)),
      Map.entry(ConditionKind.VC_SERVING_AT, EnumSet.of(Field.VIRTUAL_CLUSTER, Field.SERIES)),
      Map.entry(ConditionKind.VC_ABSENT, EnumSet.of(Field.VIRTUAL_CLUSTER)),
      Map.entry(ConditionKind.VC_NOT_SERVING, EnumSet.of(Field.VIRTUAL_CLUSTER)),
      Map.entry(ConditionKind.REPLICATION_RUNNING, EnumSet.of(Field.VIRTUAL_CLUSTER)),
      Map.entry(ConditionKind.SETTING_EQUALS,
          EnumSet.of(Field.VIRTUAL_CLUSTER, Field.SETTING, Field.VALUE)),
      Map.entry(ConditionKind.SETTINGS_EQUAL, EnumSet.of(Field.VIRTUAL_CLUSTER, Field.SETTINGS)),
      Map.entry(ConditionKind.REPLICATED_PAST_FINALIZATION,
          EnumSet.of(Field.VIRTUAL_CLUSTER, Field.SOURCE_VIRTUAL_CLUSTER, Field.SERIES)));

  private enum Field {
    CLUSTER, VIRTUAL_CLUSTER, NODE_ID, BINARY, SERIES, SETTING, VALUE, SETTINGS,
    SOURCE_VIRTUAL_CLUSTER
  }

  /** A condition of {@code kind} with every field but {@code without} present. */
  private static Condition build(ConditionKind kind, Set<Field> without, List<Condition> ops) {
    return new Condition(kind,
        field(Field.CLUSTER, ClusterRole.STANDBY, without),
        field(Field.VIRTUAL_CLUSTER, "main", without),
        field(Field.NODE_ID, 3, without),
        field(Field.BINARY, BinaryTarget.anyPatchOf(S252), without),
        field(Field.SERIES, S252, without),
        field(Field.SETTING, PinSetting.AUTO_UPGRADE_ENABLED, without),
        field(Field.VALUE, "false", without),
        field(Field.SETTINGS, FinalizationSettings.PRODUCT_DEFAULTS, without),
        field(Field.SOURCE_VIRTUAL_CLUSTER, "main", without),
        ops);
  }

  private static <T> Optional<T> field(Field f, T value, Set<Field> without) {
    return without.contains(f) ? Optional.empty() : Optional.of(value);
  }

  @Test
  void everyLeafKindIsAcceptedWithItsFieldsAndRefusedWithoutEachOfThem() {
    assertThat(NEEDS.keySet()).hasSize(ConditionKind.values().length - 3);
    for (Map.Entry<ConditionKind, Set<Field>> e : NEEDS.entrySet()) {
      ConditionKind kind = e.getKey();
      assertThatCode(() -> build(kind, Set.of(), List.of())).as("%s, every field", kind)
          .doesNotThrowAnyException();
      for (Field missing : e.getValue()) {
        PcrUpgradeException refused = catchThrowableOfType(
            () -> build(kind, Set.of(missing), List.of()), PcrUpgradeException.class);
        assertThat(refused).as("%s without %s", kind, missing).isNotNull();
        assertThat(refused.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
        assertThat(refused.getMessage()).contains("a " + kind + " condition needs exactly its");
      }
    }
  }

  @Test
  void aLeafKindNeedsItsClusterAndTakesNoOperands() {
    for (ConditionKind kind : NEEDS.keySet()) {
      assertThat(catchThrowableOfType(() -> build(kind, Set.of(Field.CLUSTER), List.of()),
          PcrUpgradeException.class)).as("%s without a cluster", kind)
          .hasMessageContaining("needs exactly its cluster");
      assertThat(catchThrowableOfType(() -> build(kind, Set.of(), List.of(Condition.ALWAYS)),
          PcrUpgradeException.class)).as("%s with an operand", kind)
          .hasMessageContaining("needs exactly its operands");
    }
  }

  @Test
  void alwaysAndTheCompoundKindsTakeNoCluster() {
    Set<Field> noCluster = Set.of(Field.CLUSTER);
    assertThatCode(() -> build(ConditionKind.ALWAYS, noCluster, List.of()))
        .doesNotThrowAnyException();
    assertThat(build(ConditionKind.ALL_OF, noCluster, List.of(Condition.ALWAYS)).operands())
        .containsExactly(Condition.ALWAYS);
    for (ConditionKind kind : List.of(ConditionKind.ALWAYS, ConditionKind.ALL_OF,
        ConditionKind.ANY_OF)) {
      assertThat(catchThrowableOfType(() -> build(kind, Set.of(), List.of()),
          PcrUpgradeException.class)).as("%s with a cluster", kind)
          .hasMessageContaining("a " + kind + " condition needs exactly its cluster");
    }
    assertThat(catchThrowableOfType(
        () -> build(ConditionKind.ALWAYS, noCluster, List.of(Condition.ALWAYS)),
        PcrUpgradeException.class)).hasMessageContaining("needs exactly its operands");
  }
}
