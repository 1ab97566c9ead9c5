package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Map;
import java.util.Objects;

/**
 * One row of {@code crdb_internal.kv_store_status}. {@code attrs} prints as {@code []}, {@code
 * bytes_per_replica} and {@code writes_per_replica} as percentile objects of zeros and {@code
 * properties} as {@code {}}.
 *
 * @param nodeId node id
 * @param storeId store id
 * @param capacity bytes
 * @param available bytes
 * @param used bytes
 * @param logicalBytes bytes
 * @param rangeCount replicas on the store
 * @param leaseCount leases on the store
 * @param writesPerSecond writes per second
 * @param metrics the store metrics JSON object, e.g. {@code ranges.underreplicated}, {@code
 *     ranges.unavailable}, {@code replicas}
 */
public record StoreStatusRow(
    long nodeId,
    long storeId,
    long capacity,
    long available,
    long used,
    long logicalBytes,
    long rangeCount,
    long leaseCount,
    double writesPerSecond,
    Map<String, Double> metrics) {
  public StoreStatusRow {
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
  }
}
