package io.github.pcrupgrade.core.capture;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A capture ({@code docs/capture.md}): what a CockroachDB deployment answered to the read-only
 * statements of preflight, exchange by exchange, with secrets replaced by pseudonyms. Pure data:
 * made by the JDBC adapters' {@code Capture}, read and written as JSON by {@code pcr-upgrade-json}
 * ({@code DocumentType.CAPTURE}).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param origin whether a real deployment or the simulation answered
 * @param capturedAt when the capture was made (the capturing clock)
 * @param tool what made it, e.g. {@code pcr-upgrade capture}
 * @param redacted whether the pseudonyms of {@code docs/capture.md} replaced the secrets
 * @param clusters the primary and the standby, in that order
 */
public record CaptureDocument(int schemaVersion, Origin origin, Instant capturedAt, String tool,
    boolean redacted, List<ClusterCapture> clusters) {

  /** The version this library writes and the newest it reads. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Checks the components and copies {@code clusters}.
   *
   * @param schemaVersion {@link #SCHEMA_VERSION}
   * @param origin whether a real deployment or the simulation answered
   * @param capturedAt when the capture was made (the capturing clock)
   * @param tool what made it, e.g. {@code pcr-upgrade capture}
   * @param redacted whether the pseudonyms of {@code docs/capture.md} replaced the secrets
   * @param clusters the primary and the standby, in that order
   * @throws NullPointerException naming the component that is null
   */
  public CaptureDocument {
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(capturedAt, "capturedAt");
    Objects.requireNonNull(tool, "tool");
    clusters = List.copyOf(clusters);
  }

  /** Who answered the statements. */
  public enum Origin {
    /** A real CockroachDB deployment: fidelity evidence. */
    REAL,
    /** The testkit's simulation: an example, never evidence of the product's behaviour. */
    SIMULATED
  }

  /**
   * One cluster's answers.
   *
   * @param role {@code primary} or {@code standby}, as given to the capture
   * @param name the display name given to the capture
   * @param parameterStatus the ParameterStatus values of the first connection to the system VC,
   *     by name
   * @param exchanges the statements sent and their answers, in the order sent
   */
  public record ClusterCapture(String role, String name, Map<String, String> parameterStatus,
      List<Exchange> exchanges) {
    /**
     * Checks the components and copies them; {@code parameterStatus} is kept sorted by name, so
     * that a capture's text does not depend on hash order.
     *
     * @param role {@code primary} or {@code standby}, as given to the capture
     * @param name the display name given to the capture
     * @param parameterStatus the ParameterStatus values of the first connection to the system VC,
     *     by name
     * @param exchanges the statements sent and their answers, in the order sent
     * @throws NullPointerException naming the component that is null
     */
    public ClusterCapture {
      Objects.requireNonNull(parameterStatus, "parameterStatus");
      Objects.requireNonNull(exchanges, "exchanges");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(name, "name");
      // sorted by name, so that a capture's text does not depend on hash order
      parameterStatus = java.util.Collections.unmodifiableMap(
          new java.util.TreeMap<>(parameterStatus));
      exchanges = List.copyOf(exchanges);
    }
  }

  /**
   * One statement and its answer: columns and rows (each value as its text form, null for SQL
   * NULL), or an error.
   *
   * @param virtualCluster the VC the session was routed to
   * @param sql the statement as sent
   * @param columns the result's columns, when it returned rows
   * @param rows the rows, when it returned rows
   * @param error the error, when it failed
   */
  public record Exchange(String virtualCluster, String sql, Optional<List<Column>> columns,
      Optional<List<List<String>>> rows, Optional<ErrorAnswer> error) {
    /**
     * Checks that no component is null.
     *
     * @param virtualCluster the VC the session was routed to
     * @param sql the statement as sent
     * @param columns the result's columns, when it returned rows
     * @param rows the rows, when it returned rows
     * @param error the error, when it failed
     * @throws NullPointerException naming the component that is null
     */
    public Exchange {
      Objects.requireNonNull(virtualCluster, "virtualCluster");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(columns, "columns");
      Objects.requireNonNull(rows, "rows");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * A result column: its name and the type name the driver reports ({@code int8}, {@code text}).
   *
   * @param name the column's name as the server sent it
   * @param type the driver's name of the column's type
   */
  public record Column(String name, String type) {
    /**
     * Checks that no component is null.
     *
     * @param name the column's name as the server sent it
     * @param type the driver's name of the column's type
     * @throws NullPointerException naming the component that is null
     */
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * An error answer: SQLSTATE, message and hint as the server sent them.
   *
   * @param sqlState the five-character SQLSTATE, for example {@code 42704}
   * @param message the server's message (redacted in a redacted capture)
   * @param hint the server's hint, when it sent one
   */
  public record ErrorAnswer(String sqlState, String message, Optional<String> hint) {
    /**
     * Checks that no component is null.
     *
     * @param sqlState the five-character SQLSTATE, for example {@code 42704}
     * @param message the server's message (redacted in a redacted capture)
     * @param hint the server's hint, when it sent one
     * @throws NullPointerException naming the component that is null
     */
    public ErrorAnswer {
      Objects.requireNonNull(sqlState, "sqlState");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(hint, "hint");
    }
  }
}
