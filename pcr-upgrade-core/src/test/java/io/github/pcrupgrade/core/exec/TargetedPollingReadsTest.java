package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.Condition;
import io.github.pcrupgrade.core.spi.NarrowRead;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a compound done-condition reads narrowly (TargetedPolling's contract): the union of what
 * its operands read, nothing for ALWAYS, and a full snapshot as soon as one operand cannot be read
 * narrowly (it reads every node or every VC, or a VC that accepts no SQL, such as the standby's
 * replicating VC, crdb-pcr-sql-facts 11.2).
 */
class TargetedPollingReadsTest {

  private static final DeploymentSnapshot AT_REST = DeploymentSnapshot.builder().nodes(3, 3)
      .binary("v24.3.12").readerVc(true).build();
  private static final ReleaseSeries S25_2 = ReleaseSeries.parse("25.2");

  @Test
  void alwaysReadsNothingAndNeedsNoFullSnapshot() {
    assertThat(TargetedPolling.reads(Condition.ALWAYS, AT_REST)).contains(Map.of());
  }

  @Test
  void aCompoundConditionReadsWhatItsOperandsRead() {
    Condition both = Condition.allOf(Condition.vcFinalAt(ClusterRole.PRIMARY, "main", S25_2),
        Condition.vcAbsent(ClusterRole.STANDBY, "main-readonly"));

    assertThat(TargetedPolling.reads(both, AT_REST)).contains(Map.of(
        ClusterRole.PRIMARY, NarrowRead.version("main"),
        ClusterRole.STANDBY, NarrowRead.virtualClusterList()));
  }

  @Test
  void oneOperandThatCannotBeReadNarrowlyMakesTheWholeConditionFull() {
    Condition readable = Condition.vcFinalAt(ClusterRole.PRIMARY, "main", S25_2);
    Condition everyVc = Condition.allVcsAtLeast(ClusterRole.PRIMARY, S25_2);

    assertThat(TargetedPolling.reads(Condition.allOf(readable, everyVc), AT_REST)).isEmpty();
    assertThat(TargetedPolling.reads(Condition.anyOf(readable, everyVc), AT_REST)).isEmpty();
    assertThat(TargetedPolling.reads(Condition.anyOf(everyVc, readable), AT_REST)).isEmpty();
  }

  @Test
  void settingsOfAVcThatAcceptsNoSqlAreReadInFull() {
    // the standby's replicating VC accepts no SQL (crdb-pcr-sql-facts 11.2)
    assertThat(TargetedPolling.reads(Condition.settingEquals(ClusterRole.STANDBY, "main",
        PinSetting.AUTO_UPGRADE_ENABLED, "false"), AT_REST)).isEmpty();
    assertThat(TargetedPolling.reads(Condition.settingEquals(ClusterRole.PRIMARY, "main",
        PinSetting.AUTO_UPGRADE_ENABLED, "false"), AT_REST))
        .contains(Map.of(ClusterRole.PRIMARY, NarrowRead.settings("main")));
  }
}
