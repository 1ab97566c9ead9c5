package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Test-only inspector of the standby whose reader VC, once re-created, is {@code shared} but
 * refuses connections for a while, as a 26.2 reader's start-up "can occasionally stall after the
 * initial scan or after an upgrade" (crdb-pcr-sql-facts 10.2): while it stalls, the reader is
 * reported as the JDBC inspector reports a VC answering {@code 08000}, with an unknown version and
 * no settings.
 */
public final class StallingReaderInspector implements ClusterInspector {

  private final SimulatedDeployment d;
  private final ClusterInspector delegate;
  private final String reader;
  private final Duration stall;
  private final Predicate<ClusterSnapshot> startWhen;
  private boolean seenAbsent;
  private Instant stallingSince;
  private int stalls;

  /** A reader that stalls for {@code stall} from the first inspection after its re-creation. */
  public StallingReaderInspector(SimulatedDeployment d, ClusterInspector delegate, String reader,
      Duration stall) {
    this(d, delegate, reader, stall, null);
  }

  /**
   * A reader that stalls for {@code stall} from the first inspection in which {@code startWhen}
   * holds (for example: once a standby node runs the next hop's binary, "after an upgrade").
   */
  public StallingReaderInspector(SimulatedDeployment d, ClusterInspector delegate, String reader,
      Duration stall, Predicate<ClusterSnapshot> startWhen) {
    this.d = d;
    this.delegate = delegate;
    this.reader = reader;
    this.stall = stall;
    this.startWhen = startWhen;
  }

  /** How many inspections reported the reader as not answering. */
  public synchronized int stalledInspections() {
    return stalls;
  }

  @Override
  public String clusterName() {
    return delegate.clusterName();
  }

  @Override
  public synchronized ClusterSnapshot inspect() {
    ClusterSnapshot s = delegate.inspect();
    Optional<VirtualClusterInfo> vc = s.vc(reader);
    if (vc.isEmpty()) {
      seenAbsent = true;
      return s;
    }
    boolean due = startWhen == null ? seenAbsent : startWhen.test(s);
    if (stallingSince == null && (!due || vc.get().version().known().isEmpty())) {
      return s;
    }
    if (stallingSince == null) {
      stallingSince = d.now();
    }
    if (Duration.between(stallingSince, d.now()).compareTo(stall) >= 0) {
      return s;
    }
    stalls++;
    return s.withVc(reader, v -> new VirtualClusterInfo(v.id(), v.name(), v.kind(),
        v.dataState(), v.serviceMode(),
        VersionReading.unknown("VC '" + reader + "' did not answer: service unavailable for"
            + " target tenant (" + reader + ") (SQLSTATE 08000)"),
        Optional.empty(), v.replication()));
  }
}
