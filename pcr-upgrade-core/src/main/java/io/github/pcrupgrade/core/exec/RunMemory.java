package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.plan.VcSettings;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What an upgrade must remember across runs, kept in the journal as {@link JournalEvent#FACT}
 * records so that a successor (after a crash, on another replica) knows it too: the finalization
 * settings found before the upgrade began, the reader VCs that existed then, and the instants at
 * which finalizations were first observed. Only records since the deployment's last completed run
 * count. The detail format is one fact per record, fields separated by spaces:
 *
 * <ul>
 *   <li>{@code settings <PRIMARY|STANDBY> <vc> <true|false> <preserve-or--> [<cluster-id>]}: the
 *       cluster id (written since issue 14) keys the values by cluster identity, so that a rerun
 *       with the roles given the other way round puts each cluster's values back on it
 *   <li>{@code reader <vc>}
 *   <li>{@code finalized <PRIMARY|STANDBY> <vc> <series> <instant>}
 * </ul>
 *
 * @param settings original finalization settings per VC
 * @param readers reader VCs that existed before the upgrade began
 * @param facts finalization observations
 * @param started true when an upgrade of this deployment has started and not completed
 * @param owners the cluster id each remembered setting was read from, keyed {@code ROLE/vc} as in
 *     {@code settings}; absent for facts written without one
 */
record RunMemory(List<VcSettings> settings, Set<String> readers, ExecutionFacts facts,
    boolean started, Map<String, UUID> owners) {

  static final RunMemory EMPTY = new RunMemory(List.of(), Set.of(), ExecutionFacts.NONE, false);

  RunMemory(List<VcSettings> settings, Set<String> readers, ExecutionFacts facts,
      boolean started) {
    this(settings, readers, facts, started, Map.of());
  }

  RunMemory {
    settings = List.copyOf(settings);
    readers = Set.copyOf(readers);
    owners = Map.copyOf(owners);
  }

  /**
   * The remembered settings with each cluster's role as it is in {@code now}: a setting read from a
   * cluster whose identity is known goes to the cluster that has that identity now (whatever role
   * it was given), and is dropped when the cluster in its role now is known to be another one and
   * neither cluster has its identity (those values belong to a cluster that is not in this
   * deployment). Settings without an identity, or whose role's cluster cannot be identified now,
   * keep their role.
   */
  List<VcSettings> settingsFor(DeploymentSnapshot now) {
    List<VcSettings> out = new ArrayList<>();
    for (VcSettings s : settings) {
      UUID owner = owners.get(s.cluster() + "/" + s.virtualCluster());
      Optional<ClusterRole> holder = owner == null ? Optional.empty()
          : java.util.Arrays.stream(ClusterRole.values())
              .filter(r -> now.cluster(r).clusterId().filter(owner::equals).isPresent())
              .findFirst();
      if (holder.isPresent()) {
        out.add(new VcSettings(holder.get(), s.virtualCluster(), s.settings()));
      } else if (owner == null || now.cluster(s.cluster()).clusterId().isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * {@code request} with this memory: its facts, and the remembered original settings (as
   * {@link #settingsFor} places them on {@code now}) and reader VCs where there are any. The one
   * way the executor, its preview and the step API plan with the journal's memory.
   */
  UpgradeRequest applyTo(UpgradeRequest request, DeploymentSnapshot now) {
    UpgradeRequest.Builder b = request.toBuilder().facts(facts);
    List<VcSettings> originals = settingsFor(now);
    if (!originals.isEmpty()) {
      b.originalSettings(originals);
    }
    if (!readers.isEmpty()) {
      b.originalReaderVcs(readers);
    }
    return b.build();
  }

  /** Reads the memory from a deployment's history. */
  static RunMemory of(List<JournalRecord> history) {
    int from = 0;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).entry().event() == JournalEvent.RUN_COMPLETED) {
        from = i + 1;
      }
    }
    List<VcSettings> settings = new ArrayList<>();
    Map<String, UUID> owners = new HashMap<>();
    Set<String> readers = new LinkedHashSet<>();
    ExecutionFacts facts = ExecutionFacts.NONE;
    boolean started = false;
    for (JournalRecord r : history.subList(from, history.size())) {
      started |= r.entry().event() == JournalEvent.RUN_STARTED;
      if (r.entry().event() != JournalEvent.FACT) {
        continue;
      }
      String[] f = r.entry().detail().split(" ");
      try {
        switch (f[0]) {
          case "settings" -> {
            settings.add(new VcSettings(ClusterRole.valueOf(f[1]), f[2],
                new FinalizationSettings(Boolean.parseBoolean(f[3]),
                    f[4].equals("-") ? "" : f[4])));
            if (f.length > 5) {
              owners.put(f[1] + "/" + f[2], UUID.fromString(f[5]));
            }
          }
          case "reader" -> readers.add(f[1]);
          case "finalized" -> facts = facts.withFinalization(ClusterRole.valueOf(f[1]), f[2],
              ReleaseSeries.parse(f[3]), Instant.parse(f[4]));
          default -> { }
        }
      } catch (RuntimeException e) {
        // A fact this version cannot read is ignored: the planner then falls back to what it
        // observes, and the await-replication wait to a later (still safe) instant.
      }
    }
    return new RunMemory(settings, readers, facts, started, owners);
  }

  static String settingsFact(VcSettings s, Optional<UUID> clusterId) {
    String preserve = s.settings().preserveDowngradeOption();
    return "settings " + s.cluster() + " " + s.virtualCluster() + " "
        + s.settings().autoUpgradeEnabled() + " " + (preserve.isEmpty() ? "-" : preserve)
        + clusterId.map(id -> " " + id).orElse("");
  }

  static String readerFact(String reader) {
    return "reader " + reader;
  }

  static String finalizedFact(ClusterRole cluster, String vc, ReleaseSeries series, Instant at) {
    return "finalized " + cluster + " " + vc + " " + series + " " + at;
  }

  Optional<Instant> finalizedAt(ClusterRole cluster, String vc, ReleaseSeries series) {
    return facts.finalizedAt(cluster, vc, series);
  }
}
