package io.github.pcrupgrade.core.rules;

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
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitraries of structurally valid deployments (whatever {@link ClusterSnapshot} and
 * {@link DeploymentSnapshot} accept), semantically anything: 1-9 nodes per cluster with any
 * liveness and any binaries (known series, unknown ones such as 27.1, alphas, betas, development
 * builds), any set of application, replicating and reader VCs (orphans included) at any version
 * (final, transitional, fence, legacy, development offset; observed, inferred or unknown), any
 * replication state and any range health.
 */
final class DeploymentArbitraries {

  private static final List<ReleaseSeries> KNOWN = ReleaseCatalog.builtIn().series();
  private static final List<ReleaseSeries> UNKNOWN = Stream.of("22.2", "26.5", "26.9", "27.1",
      "99.9").map(ReleaseSeries::parse).toList();
  private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");

  private DeploymentArbitraries() {}

  /** Any series: mostly known ones, sometimes unknown ones or the development offset. */
  static Arbitrary<ReleaseSeries> series() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(KNOWN)),
        Tuple.of(2, Arbitraries.of(UNKNOWN)),
        Tuple.of(1, Arbitraries.of(KNOWN).map(s ->
            ReleaseSeries.of(s.year() + ReleaseSeries.DEV_OFFSET, s.release()))));
  }

  /** Any target a caller could ask for. */
  static Arbitrary<ReleaseSeries> targets() {
    return series();
  }

  static Arbitrary<BinaryVersion> binaries() {
    Arbitrary<ReleaseSeries> series = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(KNOWN)), Tuple.of(2, Arbitraries.of(UNKNOWN)));
    Arbitrary<BinaryVersion.Stage> stage = Arbitraries.frequency(
        Tuple.of(12, BinaryVersion.Stage.RELEASE), Tuple.of(1, BinaryVersion.Stage.ALPHA),
        Tuple.of(1, BinaryVersion.Stage.BETA), Tuple.of(1, BinaryVersion.Stage.RC),
        Tuple.of(1, BinaryVersion.Stage.DEVELOPMENT));
    Arbitrary<Integer> commits = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 3000)));
    return Combinators.combine(series, Arbitraries.integers().between(0, 40), stage,
            Arbitraries.integers().between(1, 5), commits)
        .as((s, patch, st, n, c) -> new BinaryVersion(s.year(), s.release(), patch, st,
            st == BinaryVersion.Stage.RELEASE || st == BinaryVersion.Stage.DEVELOPMENT ? 0 : n,
            c, c == 0 ? "" : "da20f35"));
  }

  /** Any cluster version: final, transitional step, fence, legacy, unknown-target step. */
  static Arbitrary<ClusterVersion> clusterVersions() {
    Arbitrary<ClusterVersion> finals = series().map(ClusterVersion::finalOf);
    Arbitrary<ClusterVersion> steps = Combinators.combine(series(), series(),
            Arbitraries.integers().between(1, 30))
        .as((a, b, step) -> {
          ReleaseSeries from = a.isBefore(b) ? a : b;
          ReleaseSeries to = a.isBefore(b) ? b : ReleaseSeries.of(a.year(), a.release() + 1);
          return ClusterVersion.upgradingStep(from, to, step);
        });
    Arbitrary<ClusterVersion> fences = series().map(ClusterVersion::finalFence);
    Arbitrary<ClusterVersion> legacy = Combinators.combine(series(),
            Arbitraries.integers().between(1, 30))
        .as((s, n) -> ClusterVersion.parse(s + "-" + n));
    Arbitrary<ClusterVersion> unknownTarget = Combinators.combine(series(),
            Arbitraries.integers().between(1, 30))
        .as((s, n) -> ClusterVersion.parse(s + "-upgrading-step-" + String.format("%03d", n)));
    return Arbitraries.frequencyOf(
        Tuple.of(10, finals), Tuple.of(3, steps), Tuple.of(1, fences), Tuple.of(1, legacy),
        Tuple.of(1, unknownTarget));
  }

  static Arbitrary<VersionReading> readings() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, clusterVersions().map(VersionReading::observed)),
        Tuple.of(2, clusterVersions().map(v -> VersionReading.inferred(v, "carried by a test"))),
        Tuple.of(1, Arbitraries.just(VersionReading.unknown("not observable in a test"))));
  }

  static Arbitrary<Optional<FinalizationSettings>> settings() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("", "24.3", "25.2"))
        .as(FinalizationSettings::new).optional(0.8);
  }

  static Arbitrary<ReplicationInfo> replications() {
    Arbitrary<String> source = Arbitraries.of("main", "system", "app", "ghost");
    Arbitrary<ReplicationState> state = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(ReplicationState.REPLICATING)),
        Tuple.of(1, Arbitraries.of(ReplicationState.class)));
    Arbitrary<Optional<Instant>> time = Arbitraries.integers().between(0, 3600)
        .map(s -> AT.minusSeconds(s)).optional(0.8);
    Arbitrary<Optional<Duration>> lag = Arbitraries.integers().between(0, 3600)
        .map(Duration::ofSeconds).optional(0.8);
    return Combinators.combine(source, state, time, time, lag)
        .as((src, st, replicated, retained, l) ->
            new ReplicationInfo(src, st, st.spelling(true), replicated, retained, l));
  }

  /** A non-system VC; its kind follows from its name, replication only on application VCs. */
  static Arbitrary<VirtualClusterInfo> nonSystemVcs() {
    Arbitrary<String> name = Arbitraries.of(
        "main", "app", "tenant-b", "main-readonly", "app-readonly", "ghost-readonly", "analytics");
    return Combinators.combine(name, Arbitraries.of(DataState.class),
            Arbitraries.of(ServiceMode.class), readings(), settings(),
            replications().optional(0.5))
        .as((n, data, service, reading, set, repl) -> {
          VcKind kind = n.endsWith("-readonly") || n.equals("analytics")
              ? VcKind.READER : VcKind.APPLICATION;
          return new VirtualClusterInfo(0, n, kind, data, service, reading, set,
              kind == VcKind.APPLICATION ? repl : Optional.empty());
        });
  }

  static Arbitrary<List<VirtualClusterInfo>> vcSets() {
    Arbitrary<VirtualClusterInfo> system = Combinators.combine(readings(), settings())
        .as((r, set) -> new VirtualClusterInfo(1, VirtualClusterInfo.SYSTEM, VcKind.SYSTEM,
            DataState.READY, ServiceMode.SHARED, r, set, Optional.empty()));
    Arbitrary<List<VirtualClusterInfo>> others =
        nonSystemVcs().list().ofMaxSize(4).uniqueElements(VirtualClusterInfo::name);
    return Combinators.combine(system, others).as((sys, rest) -> {
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

  /**
   * 1-9 nodes with unique ids, mostly on one binary, some on another, any liveness, at least one
   * a member (a snapshot without a member node is structurally invalid).
   */
  static Arbitrary<List<NodeInfo>> nodeSets() {
    Arbitrary<Liveness> liveness = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(Liveness.LIVE)), Tuple.of(2, Arbitraries.of(Liveness.class)));
    Arbitrary<Tuple.Tuple4<Integer, Optional<BinaryVersion>, Liveness, Boolean>> node =
        Combinators.combine(Arbitraries.integers().between(1, 20), binaries().optional(0.25),
                liveness, Arbitraries.integers().between(0, 9).map(d -> d == 0))
            .as(Tuple::of);
    Arbitrary<List<Tuple.Tuple4<Integer, Optional<BinaryVersion>, Liveness, Boolean>>> nodes =
        node.list().ofMinSize(1).ofMaxSize(9).uniqueElements(Tuple.Tuple4::get1);
    return Combinators.combine(binaries(), nodes).as((common, list) -> list.stream()
        .map(n -> new NodeInfo(n.get1(), "n" + n.get1() + ":26257", "zone=" + (n.get1() % 3),
            n.get2().orElse(common), n.get3(), n.get4()))
        .toList())
        .filter(list -> list.stream().anyMatch(NodeInfo::isMember));
  }

  static Arbitrary<ClusterHealth> health() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just(ClusterHealth.HEALTHY)),
        Tuple.of(1, Combinators.combine(Arbitraries.longs().between(0, 100),
            Arbitraries.longs().between(0, 10)).as(ClusterHealth::new)));
  }

  static Arbitrary<ClusterSnapshot> clusters(ClusterRole role, Arbitrary<String> names) {
    return Combinators.combine(names, nodeSets(), vcSets(), health(),
            Arbitraries.integers().between(0, 600))
        .as((n, nodes, vcs, h, offset) ->
            new ClusterSnapshot(n, role, nodes, vcs, h, AT.plusSeconds(offset)));
  }

  /** Any structurally valid deployment. */
  static Arbitrary<DeploymentSnapshot> deployments() {
    Arbitrary<String> primaryNames = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("primary", "dc-east", "us-east-1", "a")),
        Tuple.of(1, Arbitraries.just("")));
    Arbitrary<String> standbyNames = Arbitraries.of("standby", "dc-west", "b");
    Arbitrary<DeploymentSnapshot> raw = Combinators.combine(
            clusters(ClusterRole.PRIMARY, primaryNames), clusters(ClusterRole.STANDBY, standbyNames))
        .as(DeploymentSnapshot::new);
    return Arbitraries.frequencyOf(
        Tuple.of(3, raw),
        Tuple.of(1, raw.map(DeploymentSnapshot::withInferredReplicatedVersions)));
  }
}
