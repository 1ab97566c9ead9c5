package io.github.pcrupgrade.testkit;

/**
 * One store as {@code crdb_internal.kv_store_status} reports it, reduced to what an upgrade tool
 * reads: the {@code metrics} keys {@code ranges.underreplicated} and {@code ranges.unavailable}
 * (crdb-pcr-sql-facts.md 9.2). One store per node.
 *
 * @param nodeId {@code node_id}
 * @param storeId {@code store_id}
 * @param rangeCount {@code range_count}
 * @param rangesUnderReplicated the {@code ranges.underreplicated} metric
 * @param rangesUnavailable the {@code ranges.unavailable} metric
 */
public record StoreRow(
    int nodeId, int storeId, long rangeCount, long rangesUnderReplicated, long rangesUnavailable) {}
