package io.github.pcrupgrade.core.capture;

import java.util.Objects;

/**
 * One difference between a recorded answer and another answer to the same statement (the
 * simulation's, in a comparison).
 *
 * @param kind what differs
 * @param cluster the cluster's role ({@code primary}, {@code standby})
 * @param virtualCluster the VC the statement was sent to
 * @param sql the statement
 * @param where the column (and row) concerned, or empty when the whole answer is
 * @param recorded what the capture holds there
 * @param answered what the other side answered there
 */
public record CaptureDifference(Kind kind, String cluster, String virtualCluster, String sql,
    String where, String recorded, String answered) {

  /**
   * Checks that no component is null.
   *
   * @param kind what differs
   * @param cluster the cluster's role ({@code primary}, {@code standby})
   * @param virtualCluster the VC the statement was sent to
   * @param sql the statement
   * @param where the column (and row) concerned, or empty when the whole answer is
   * @param recorded what the capture holds there
   * @param answered what the other side answered there
   * @throws NullPointerException naming the component that is null
   */
  public CaptureDifference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(answered, "answered");
  }

  /** What differs. */
  public enum Kind {
    /** The other side has no answer to a recorded statement (or answers one not recorded). */
    MISSING_ANSWER,
    /** One side returned rows, the other an error. */
    OUTCOME,
    /** The column names (or their number) differ. */
    COLUMNS,
    /** A column's type differs. */
    COLUMN_TYPE,
    /** The number of rows differs. */
    ROW_COUNT,
    /** A value's shape ({@link ValueShape}) differs. */
    VALUE_SHAPE,
    /** The SQLSTATE of an error differs. */
    ERROR_CODE
  }

  @Override
  public String toString() {
    return kind + " cluster '" + cluster + "' VC '" + virtualCluster + "' " + sql
        + (where.isEmpty() ? "" : " " + where) + ": recorded " + recorded + ", answered "
        + answered;
  }
}
