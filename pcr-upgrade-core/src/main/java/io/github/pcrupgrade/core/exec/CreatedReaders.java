package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reader VCs this upgrade created, as journaled {@link JournalEvent#FACT}s
 * ({@code reader-created <vc> <id> <series> <instant>}), and the inference they allow: a reader VC
 * cannot be finalized, so one created at series X stays at X. While such a reader is {@code shared}
 * but does not answer (a 26.2 reader's start-up can stall after the initial scan or after an
 * upgrade, crdb-pcr-sql-facts 10.2), its version is INFERRED at X with the journal fact as
 * evidence, so that invariant 5 can still be judged. Only the incarnation the run created (same
 * VC id) is inferred; only facts since the deployment's last completed run count.
 */
final class CreatedReaders {

  private record Created(long id, ReleaseSeries series, Instant at) {}

  private final Map<String, Created> byName;

  private CreatedReaders(Map<String, Created> byName) {
    this.byName = Map.copyOf(byName);
  }

  static final CreatedReaders NONE = new CreatedReaders(Map.of());

  /** Reads the facts from a deployment's history. */
  static CreatedReaders of(List<JournalRecord> history) {
    int from = 0;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).entry().event() == JournalEvent.RUN_COMPLETED) {
        from = i + 1;
      }
    }
    Map<String, Created> found = new HashMap<>();
    for (JournalRecord r : history.subList(from, history.size())) {
      if (r.entry().event() != JournalEvent.FACT) {
        continue;
      }
      String[] f = r.entry().detail().split(" ");
      if (f.length == 5 && f[0].equals("reader-created")) {
        try {
          found.put(f[1], new Created(Long.parseLong(f[2]), ReleaseSeries.parse(f[3]),
              Instant.parse(f[4])));
        } catch (RuntimeException e) {
          // a fact this version cannot read is ignored: the reader then stays unknown
        }
      }
    }
    return new CreatedReaders(found);
  }

  /** The fact recording that this run created {@code reader} (with that id) at {@code series}. */
  static String fact(VirtualClusterInfo reader, ReleaseSeries series, Instant at) {
    return "reader-created " + reader.name() + " " + reader.id() + " " + series + " " + at;
  }

  CreatedReaders with(VirtualClusterInfo reader, ReleaseSeries series, Instant at) {
    Map<String, Created> m = new HashMap<>(byName);
    m.put(reader.name(), new Created(reader.id(), series, at));
    return new CreatedReaders(m);
  }

  /** {@code s} with the version of every unanswering reader this run created inferred. */
  DeploymentSnapshot infer(DeploymentSnapshot s) {
    ClusterSnapshot standby = s.standby();
    ClusterSnapshot out = standby;
    for (VirtualClusterInfo vc : standby.virtualClusters()) {
      Created c = byName.get(vc.name());
      if (c == null || vc.kind() != VcKind.READER || vc.id() != c.id()
          || vc.version().provenance() != Provenance.UNKNOWN
          || vc.serviceMode() != ServiceMode.SHARED) {
        continue;
      }
      VersionReading inferred = VersionReading.inferred(ClusterVersion.finalOf(c.series()),
          "this upgrade created it at " + c.series() + " on " + c.at() + " (journal; a reader VC"
              + " cannot be finalized); it does not answer now: " + vc.version().evidence());
      out = out.withVc(vc.name(), v -> v.withVersion(inferred));
    }
    return out == standby ? s : s.with(out);
  }

  /**
   * A reader VC of the standby that is {@code shared} and ready but does not answer, and whose
   * version cannot be inferred (call after {@link #infer}).
   */
  static Optional<VirtualClusterInfo> unanswering(DeploymentSnapshot s) {
    return s.standby().virtualClusters().stream()
        .filter(v -> v.kind() == VcKind.READER && v.serviceMode() == ServiceMode.SHARED
            && v.version().provenance() == Provenance.UNKNOWN)
        .findFirst();
  }

  /** The documented remedy for a stalled reader VC (crdb-upgrade-facts, 26.2 known limitation). */
  static String remedy(String cluster, String reader) {
    return "on '" + cluster + "' run ALTER VIRTUAL CLUSTER \"" + reader + "\" STOP SERVICE, then"
        + " ALTER VIRTUAL CLUSTER \"" + reader + "\" START SERVICE SHARED (the documented remedy"
        + " for a reader VC whose start-up stalled), then run again";
  }
}
