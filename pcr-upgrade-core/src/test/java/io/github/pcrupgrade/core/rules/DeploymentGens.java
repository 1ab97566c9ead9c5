package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.testsupport.Gens.frequency;
import static io.github.pcrupgrade.testsupport.Gens.pick;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.ClusterHealth;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of structurally valid deployments (whatever {@link ClusterSnapshot} and
 * {@link DeploymentSnapshot} accept), semantically anything: 1-9 nodes per cluster with any
 * liveness and any binaries (known series, unknown ones such as 27.1, alphas, betas, development
 * builds), any set of application, replicating and reader VCs (orphans included) at any version
 * (final, transitional, fence, legacy, development offset; observed, inferred or unknown), any
 * replication state and any range health. Lists run from empty (or one node) to their largest
 * size; optional parts are absent in a fixed share of examples.
 */
final class DeploymentGens {

  private static final List<ReleaseSeries> KNOWN = ReleaseCatalog.builtIn().series();
  private static final List<ReleaseSeries> UNKNOWN = Stream.of("22.2", "26.5", "26.9", "27.1",
      "99.9").map(ReleaseSeries::parse).toList();
  private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");

  private DeploymentGens() {}

  /** Any series: mostly known ones, sometimes unknown ones or the development offset. */
  static Gen<ReleaseSeries> series() {
    return frequency(
        8, Generate.pick(KNOWN),
        2, Generate.pick(UNKNOWN),
        1, Generate.pick(KNOWN).map(s -> ReleaseSeries.of(s.year() + ReleaseSeries.DEV_OFFSET,
            s.release())));
  }

  /** Any target a caller could ask for. */
  static Gen<ReleaseSeries> targets() {
    return series();
  }

  static Gen<BinaryVersion> binaries() {
    Gen<ReleaseSeries> series = frequency(8, Generate.pick(KNOWN), 2, Generate.pick(UNKNOWN));
    Gen<BinaryVersion.Stage> stage = Generate.frequency(List.of(
        Pair.of(12, Generate.constant(BinaryVersion.Stage.RELEASE)),
        Pair.of(1, Generate.constant(BinaryVersion.Stage.ALPHA)),
        Pair.of(1, Generate.constant(BinaryVersion.Stage.BETA)),
        Pair.of(1, Generate.constant(BinaryVersion.Stage.RC)),
        Pair.of(1, Generate.constant(BinaryVersion.Stage.DEVELOPMENT))));
    Gen<Integer> commits = frequency(6, Generate.constant(0), 1, integers().between(1, 3000));
    return series.zip(integers().between(0, 40), stage, integers().between(1, 5), commits,
        (s, patch, st, n, c) -> new BinaryVersion(s.year(), s.release(), patch, st,
            st == BinaryVersion.Stage.RELEASE || st == BinaryVersion.Stage.DEVELOPMENT ? 0 : n,
            c, c == 0 ? "" : "da20f35"));
  }

  /** Any cluster version: final, transitional step, fence, legacy, unknown-target step. */
  static Gen<ClusterVersion> clusterVersions() {
    Gen<Integer> step = integers().between(1, 30);
    Gen<ClusterVersion> finals = series().map(s -> ClusterVersion.finalOf(s));
    Gen<ClusterVersion> steps = series().zip(series(), step, (a, b, n) -> {
      ReleaseSeries from = a.isBefore(b) ? a : b;
      ReleaseSeries to = a.isBefore(b) ? b : ReleaseSeries.of(a.year(), a.release() + 1);
      return ClusterVersion.upgradingStep(from, to, n);
    });
    Gen<ClusterVersion> fences = series().map(s -> ClusterVersion.finalFence(s));
    Gen<ClusterVersion> legacy = series().zip(step, (s, n) -> ClusterVersion.parse(s + "-" + n));
    Gen<ClusterVersion> unknownTarget = series().zip(step,
        (s, n) -> ClusterVersion.parse(s + "-upgrading-step-" + String.format("%03d", n)));
    return Generate.frequency(List.of(Pair.of(10, finals), Pair.of(3, steps), Pair.of(1, fences),
        Pair.of(1, legacy), Pair.of(1, unknownTarget)));
  }

  static Gen<VersionReading> readings() {
    return frequency(
        6, clusterVersions().map(VersionReading::observed),
        2, clusterVersions().map(v -> VersionReading.inferred(v, "carried by a test")),
        1, Generate.constant(VersionReading.unknown("not observable in a test")));
  }

  /** Present in 80% of examples. */
  static Gen<Optional<FinalizationSettings>> settings() {
    return booleans().all().zip(pick("", "24.3", "25.2"), FinalizationSettings::new)
        .toOptionals(20);
  }

  static Gen<ReplicationInfo> replications() {
    Gen<String> source = pick("main", "system", "app", "ghost");
    Gen<ReplicationState> state = frequency(6, Generate.constant(ReplicationState.REPLICATING),
        1, arbitrary().enumValues(ReplicationState.class));
    Gen<Optional<Instant>> time = integers().between(0, 3600)
        .map(s -> AT.minusSeconds(s)).toOptionals(20);
    Gen<Optional<Duration>> lag = integers().between(0, 3600)
        .map(s -> Duration.ofSeconds(s)).toOptionals(20);
    return source.zip(state, time, time, lag, (src, st, replicated, retained, l) ->
        new ReplicationInfo(src, st, st.spelling(true), replicated, retained, l));
  }

  /** A non-system VC; its kind follows from its name, replication only on application VCs. */
  static Gen<VirtualClusterInfo> nonSystemVcs() {
    Gen<String> name = pick(
        "main", "app", "tenant-b", "main-readonly", "app-readonly", "ghost-readonly", "analytics");
    Gen<VirtualClusterInfo> bare = name.zip(arbitrary().enumValues(DataState.class),
        arbitrary().enumValues(ServiceMode.class), readings(), settings(),
        (n, data, service, reading, set) -> {
          VcKind kind = n.endsWith("-readonly") || n.equals("analytics")
              ? VcKind.READER : VcKind.APPLICATION;
          return new VirtualClusterInfo(0, n, kind, data, service, reading, set,
              Optional.empty());
        });
    return bare.zip(replications().toOptionals(50), (v, repl) -> new VirtualClusterInfo(
        v.id(), v.name(), v.kind(), v.dataState(), v.serviceMode(), v.version(), v.settings(),
        v.kind() == VcKind.APPLICATION ? repl : Optional.empty()));
  }

  static Gen<List<VirtualClusterInfo>> vcSets() {
    Gen<VirtualClusterInfo> system = readings().zip(settings(),
        (r, set) -> new VirtualClusterInfo(1, VirtualClusterInfo.SYSTEM, VcKind.SYSTEM,
            DataState.READY, ServiceMode.SHARED, r, set, Optional.empty()));
    Gen<List<VirtualClusterInfo>> others = lists().of(nonSystemVcs()).ofSizeBetween(0, 4)
        .map(l -> uniqueBy(l, VirtualClusterInfo::name));
    return system.zip(others, (sys, rest) -> {
      List<VirtualClusterInfo> all = new ArrayList<>();
      all.add(sys);
      long id = 2;
      for (VirtualClusterInfo v : rest) {
        all.add(new VirtualClusterInfo(id++, v.name(), v.kind(), v.dataState(), v.serviceMode(),
            v.version(), v.settings(), v.replication()));
      }
      return all;
    });
  }

  /** A node before the common binary is filled in. */
  private record NodeDraft(int id, Optional<BinaryVersion> binary, Liveness liveness,
      boolean draining) {}

  /**
   * 1-9 nodes with unique ids, mostly on one binary, some on another, any liveness, at least one
   * a member (a snapshot without a member node is structurally invalid).
   */
  static Gen<List<NodeInfo>> nodeSets() {
    Gen<Liveness> liveness = frequency(8, Generate.constant(Liveness.LIVE),
        2, arbitrary().enumValues(Liveness.class));
    Gen<NodeDraft> node = integers().between(1, 20).zip(binaries().toOptionals(75), liveness,
        integers().between(0, 9).map(d -> d == 0), NodeDraft::new);
    Gen<List<NodeDraft>> nodes = lists().of(node).ofSizeBetween(1, 9)
        .map(l -> uniqueBy(l, NodeDraft::id));
    return binaries().zip(nodes, (common, list) -> list.stream()
            .map(n -> new NodeInfo(n.id(), "n" + n.id() + ":26257", "zone=" + (n.id() % 3),
                n.binary().orElse(common), n.liveness(), n.draining()))
            .toList())
        .assuming(list -> list.stream().anyMatch(NodeInfo::isMember));
  }

  static Gen<ClusterHealth> health() {
    return frequency(5, Generate.constant(ClusterHealth.HEALTHY),
        1, longs().between(0, 100).zip(longs().between(0, 10), ClusterHealth::new));
  }

  static Gen<ClusterSnapshot> clusters(ClusterRole role, Gen<String> names) {
    return names.zip(nodeSets(), vcSets(), health(), integers().between(0, 600),
        (n, nodes, vcs, h, offset) ->
            new ClusterSnapshot(n, role, nodes, vcs, h, AT.plusSeconds(offset),
                Optional.empty(), Optional.empty()));
  }

  /** Any structurally valid deployment. */
  static Gen<DeploymentSnapshot> deployments() {
    Gen<String> primaryNames = frequency(
        6, pick("primary", "dc-east", "us-east-1", "a"), 1, Generate.constant(""));
    Gen<String> standbyNames = pick("standby", "dc-west", "b");
    Gen<DeploymentSnapshot> raw = clusters(ClusterRole.PRIMARY, primaryNames)
        .zip(clusters(ClusterRole.STANDBY, standbyNames), DeploymentSnapshot::new);
    return frequency(3, raw, 1, raw.map(DeploymentSnapshot::withInferredReplicatedVersions));
  }

  /** The first element of each key, in order (jqwik's uniqueElements, by another route). */
  private static <T, K> List<T> uniqueBy(List<T> list, Function<T, K> key) {
    Set<K> seen = new HashSet<>();
    return list.stream().filter(t -> seen.add(key.apply(t))).toList();
  }
}
