package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Test-only {@link ClusterOperations} that sends every call on to another cluster's operations
 * unchanged: a test decorator extends it and overrides only the calls it changes (cuts, silences,
 * fails or records), so that each decorator shows its difference and nothing else.
 */
public abstract class ForwardingOperations implements ClusterOperations {

  private final ClusterOperations delegate;

  protected ForwardingOperations(ClusterOperations delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The operations every call not overridden goes to. */
  protected final ClusterOperations delegate() {
    return delegate;
  }

  @Override
  public String clusterName() {
    return delegate.clusterName();
  }

  @Override
  public void setFinalizationSetting(String vc, PinSetting setting, String value) {
    delegate.setFinalizationSetting(vc, setting, value);
  }

  @Override
  public void resetFinalizationSetting(String vc, PinSetting setting) {
    delegate.resetFinalizationSetting(vc, setting);
  }

  @Override
  public void finalizeVersion(String vc, ReleaseSeries target) {
    delegate.finalizeVersion(vc, target);
  }

  @Override
  public ClusterVersion readVersion(String vc) {
    return delegate.readVersion(vc);
  }

  @Override
  public void stopService(String vc) {
    delegate.stopService(vc);
  }

  @Override
  public void startServiceShared(String vc) {
    delegate.startServiceShared(vc);
  }

  @Override
  public void dropVirtualCluster(String vc) {
    delegate.dropVirtualCluster(vc);
  }

  @Override
  public void createReaderVirtualCluster(String replicatingVc) {
    delegate.createReaderVirtualCluster(replicatingVc);
  }

  @Override
  public Optional<Instant> replicatedTime(String replicatingVc) {
    return delegate.replicatedTime(replicatingVc);
  }

  @Override
  public Instant clusterTime() {
    return delegate.clusterTime();
  }
}
