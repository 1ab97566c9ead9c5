package io.github.pcrupgrade.testkit.internal.wire;

import static io.github.pcrupgrade.testkit.internal.sql.SqlType.BOOL;
import static io.github.pcrupgrade.testkit.internal.sql.SqlType.FLOAT8;
import static io.github.pcrupgrade.testkit.internal.sql.SqlType.INT8;
import static io.github.pcrupgrade.testkit.internal.sql.SqlType.JSONB;
import static io.github.pcrupgrade.testkit.internal.sql.SqlType.STRING;
import static io.github.pcrupgrade.testkit.internal.sql.SqlType.TIMESTAMP;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code crdb_internal} tables the simulation serves, with CockroachDB's columns in order
 * (crdb-pcr-sql-facts §9.2 and §7; gossip_nodes types follow the product schema of the same era).
 */
enum InternalTable {
  GOSSIP_NODES(
      "crdb_internal.gossip_nodes",
      cols(
          "node_id", INT8, "network", STRING, "address", STRING, "advertise_address", STRING,
          "sql_network", STRING, "sql_address", STRING, "advertise_sql_address", STRING,
          "attrs", JSONB, "locality", STRING, "cluster_name", STRING, "server_version", STRING,
          "build_tag", STRING, "started_at", TIMESTAMP, "is_live", BOOL, "ranges", INT8,
          "leases", INT8),
      b -> b.gossipNodes().stream()
          .map(r -> row(r.nodeId(), r.network(), r.address(), r.advertiseAddress(), r.sqlNetwork(),
              r.sqlAddress(), r.advertiseSqlAddress(), new Json(List.of()), r.locality(),
              r.clusterName(), r.serverVersion(), r.buildTag(), utc(r.startedAt()), r.isLive(),
              r.ranges(), r.leases()))
          .toList()),
  GOSSIP_LIVENESS(
      "crdb_internal.gossip_liveness",
      cols(
          "node_id", INT8, "epoch", INT8, "expiration", STRING, "draining", BOOL,
          "decommissioning", BOOL, "membership", STRING, "updated_at", TIMESTAMP),
      b -> b.gossipLiveness().stream()
          .map(r -> row(r.nodeId(), r.epoch(), r.expiration(), r.draining(),
              r.membership() != Membership.ACTIVE, r.membership().sqlName(), utc(r.updatedAt())))
          .toList()),
  KV_STORE_STATUS(
      "crdb_internal.kv_store_status",
      cols(
          "node_id", INT8, "store_id", INT8, "attrs", JSONB, "capacity", INT8, "available", INT8,
          "used", INT8, "logical_bytes", INT8, "range_count", INT8, "lease_count", INT8,
          "writes_per_second", FLOAT8, "bytes_per_replica", JSONB, "writes_per_replica", JSONB,
          "metrics", JSONB, "properties", JSONB),
      b -> b.storeStatus().stream()
          .map(r -> row(r.nodeId(), r.storeId(), new Json(List.of()), r.capacity(), r.available(),
              r.used(), r.logicalBytes(), r.rangeCount(), r.leaseCount(), r.writesPerSecond(),
              percentiles(), percentiles(), new Json(new TreeMap<>(r.metrics())),
              new Json(Map.of())))
          .toList()),
  KV_NODE_STATUS(
      "crdb_internal.kv_node_status",
      cols(
          "node_id", INT8, "network", STRING, "address", STRING, "attrs", JSONB,
          "locality", STRING, "server_version", STRING, "go_version", STRING, "tag", STRING,
          "time", STRING, "revision", STRING, "cgo_compiler", STRING, "platform", STRING,
          "distribution", STRING, "type", STRING, "dependencies", STRING,
          "started_at", TIMESTAMP, "updated_at", TIMESTAMP, "metrics", JSONB, "args", JSONB,
          "env", JSONB, "activity", JSONB),
      b -> b.nodeStatus().stream()
          .map(r -> row(r.nodeId(), r.network(), r.address(), new Json(List.of()), r.locality(),
              r.serverVersion(), r.goVersion(), r.tag(), r.time(), r.revision(), "",
              r.platform(), r.distribution(), "release", "", utc(r.startedAt()),
              utc(r.updatedAt()), new Json(new TreeMap<>(r.metrics())), new Json(List.of()),
              new Json(List.of()), new Json(Map.of())))
          .toList());

  private final String qualifiedName;
  private final List<Column> columns;
  private final Function<WireBackend, List<List<Object>>> rows;

  InternalTable(
      String qualifiedName, List<Column> columns, Function<WireBackend, List<List<Object>>> rows) {
    this.qualifiedName = qualifiedName;
    this.columns = columns;
    this.rows = rows;
  }

  static Optional<InternalTable> byName(String qualifiedName) {
    return Arrays.stream(values()).filter(t -> t.qualifiedName.equals(qualifiedName)).findFirst();
  }

  String qualifiedName() {
    return qualifiedName;
  }

  List<Column> columns() {
    return columns;
  }

  List<List<Object>> rows(WireBackend backend) {
    return rows.apply(backend);
  }

  private static List<Column> cols(Object... nameTypePairs) {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      out.add(new Column((String) nameTypePairs[i],
          (io.github.pcrupgrade.testkit.internal.sql.SqlType) nameTypePairs[i + 1]));
    }
    return List.copyOf(out);
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static LocalDateTime utc(Instant i) {
    return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  private static Json percentiles() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("P10", "P25", "P50", "P75", "P90", "PMax")) {
      m.put(k, 0.0);
    }
    return new Json(m);
  }
}
