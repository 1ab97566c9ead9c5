package io.github.pcrupgrade.testkit.replay;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.json.DocumentType;
import io.github.pcrupgrade.json.JsonDocuments;
import io.github.pcrupgrade.testkit.sql.StatementLog;
import io.github.pcrupgrade.testkit.internal.wire.WireServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves a capture ({@code docs/capture.md}) over the PostgreSQL wire protocol: one endpoint per
 * captured cluster that answers every statement the capture holds with the recorded columns,
 * types, rows or error (SQLSTATE, message, hint), per VC, with the recorded ParameterStatus
 * values. The JDBC adapters pointed at it meet what the recorded cluster answered:
 *
 * <pre>{@code
 * try (CaptureReplay replay = CaptureReplay.serve(Path.of("capture.json"))) {
 *   ClusterConnectionSettings primary = ClusterConnectionSettings.builder("primary")
 *       .url(replay.primaryUrl()).password(replay::password).build();
 *   ... inspect through the adapters ...
 *   replay.assertNoMisses();   // every statement sent was one the capture holds
 * }
 * }</pre>
 *
 * <p>A statement the capture does not hold is answered with an error ({@code 0A000}, naming the
 * capture and the statement) and remembered: {@link #misses()}, {@link #assertNoMisses()}. Session
 * statements (session variables, transaction control, the empty query) are answered by the wire
 * front's session layer, as for the simulation. A statement recorded several times on one VC is
 * answered in the recorded order, then with its last answer again. Any user logs in with {@link
 * #password()}. A VC whose connection the capture records as refused is refused with the front's
 * routing error ({@code 08006 service unavailable for target tenant}), not the recorded text.
 *
 * <p>Thread-safe. {@link #close()} stops the endpoints.
 */
public final class CaptureReplay implements AutoCloseable {

  /** The password every user logs in with. */
  public static final String PASSWORD = "replay";

  private final String source;
  private final Map<String, WireServer> servers = new LinkedHashMap<>();
  private final List<ReplayMiss> misses = new CopyOnWriteArrayList<>();

  private CaptureReplay(String source) {
    this.source = source;
  }

  /**
   * Reads the capture in {@code file} through the documented reader and serves it.
   *
   * @param file the capture file, JSON as {@code pcr-upgrade capture} writes it
   * @return the started replay, one endpoint per captured cluster; close it when done
   * @throws PcrUpgradeException naming the file: {@code CAPTURE_FILE_UNREADABLE} when it cannot
   *     be read; {@code UNSUPPORTED_SCHEMA_VERSION} or {@code MALFORMED_DOCUMENT} (the reader's
   *     codes, with line and column) for another format version or a truncated or malformed file;
   *     {@code CAPTURE_NOT_SERVABLE} for a capture the replay cannot serve as recorded; {@code
   *     PORT_FAILURE} when no loopback port can be bound
   */
  public static CaptureReplay serve(Path file) {
    Objects.requireNonNull(file, "file");
    return serve(read(file), file.toString());
  }

  /**
   * Serves {@code capture}; {@code source} (its file name) names it in every error.
   *
   * @param capture the capture, as read by {@link #read(Path)}
   * @param source the name the capture goes by in errors and misses, such as its file name
   * @return the started replay, one endpoint per captured cluster; close it when done
   * @throws PcrUpgradeException {@code CAPTURE_NOT_SERVABLE} naming what cannot be served; {@code
   *     PORT_FAILURE} when no loopback port can be bound (nothing is left listening)
   * @throws NullPointerException if {@code capture} or {@code source} is null
   */
  public static CaptureReplay serve(CaptureDocument capture, String source) {
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(source, "source");
    CaptureReplay replay = new CaptureReplay(source);
    List<ReplayedCluster> backends = new ArrayList<>();
    for (ClusterCapture c : capture.clusters()) {
      if (replay.servers.containsKey(c.role())) {
        throw new PcrUpgradeException(ReplayErrorCode.CAPTURE_NOT_SERVABLE, "capture " + source
            + " holds cluster '" + Printable.of(c.role()) + "' twice");
      }
      backends.add(new ReplayedCluster(source, capture, c, PASSWORD, replay.misses));
      replay.servers.put(c.role(), null);
    }
    try {
      for (ReplayedCluster b : backends) {
        replay.servers.put(b.clusterName(),
            WireServer.builder(b).recordedAnswers(b).build().start());
      }
    } catch (IOException e) {
      replay.close();
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, "cannot serve capture " + source
          + ": no loopback port could be bound (" + e.getMessage() + ")", e);
    }
    return replay;
  }

  /**
   * The capture in {@code file}, read through {@link JsonDocuments} ({@code DocumentType.CAPTURE}).
   *
   * @param file the capture file
   * @return the capture, validated by the reader
   * @throws PcrUpgradeException as {@link #serve(Path)}, naming the file
   */
  public static CaptureDocument read(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | RuntimeException e) {
      throw new PcrUpgradeException(ReplayErrorCode.CAPTURE_FILE_UNREADABLE, "cannot read"
          + " capture file " + file + " (" + e + "); check the path", e);
    }
    try {
      return JsonDocuments.read(DocumentType.CAPTURE, text);
    } catch (PcrUpgradeException e) {
      throw new PcrUpgradeException(e.code(), "capture file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The captured clusters' roles, in capture order ({@code primary}, {@code standby}).
   *
   * @return the roles served, one endpoint each
   */
  public List<String> clusters() {
    return List.copyOf(servers.keySet());
  }

  /**
   * The JDBC URL of the captured primary.
   *
   * @return {@code jdbc:postgresql://127.0.0.1:<port>/defaultdb}
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the capture has no {@code primary}
   */
  public String primaryUrl() {
    return jdbcUrl("primary");
  }

  /**
   * The JDBC URL of the captured standby.
   *
   * @return {@code jdbc:postgresql://127.0.0.1:<port>/defaultdb}
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the capture has no {@code standby}
   */
  public String standbyUrl() {
    return jdbcUrl("standby");
  }

  /**
   * The JDBC URL of the captured cluster of {@code role}: {@code
   * jdbc:postgresql://127.0.0.1:<port>/defaultdb}.
   *
   * @param role the cluster's role in the capture, such as {@code primary}
   * @return the endpoint's URL, without credentials or routing
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the capture has no such cluster
   */
  public String jdbcUrl(String role) {
    Objects.requireNonNull(role, "role");
    return "jdbc:postgresql://127.0.0.1:" + server(role).port() + "/defaultdb";
  }

  /**
   * The password of every user.
   *
   * @return {@link #PASSWORD}
   */
  public String password() {
    return PASSWORD;
  }

  /**
   * The statements the endpoint of {@code role} received, in order.
   *
   * @param role the cluster's role in the capture
   * @return the endpoint's live log, misses included
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the capture has no such cluster
   */
  public StatementLog statementLog(String role) {
    Objects.requireNonNull(role, "role");
    return server(role).statementLog();
  }

  /**
   * The statements clients sent that the capture does not hold, in the order sent.
   *
   * @return a copy; empty when every statement was answered from the capture
   */
  public List<ReplayMiss> misses() {
    return List.copyOf(misses);
  }

  /**
   * Fails when a client sent a statement the capture does not hold.
   *
   * @throws PcrUpgradeException {@code STATEMENT_NOT_IN_CAPTURE} listing each such statement
   */
  public void assertNoMisses() {
    List<ReplayMiss> m = misses();
    if (!m.isEmpty()) {
      StringBuilder b = new StringBuilder(m.size() + " statement(s) not in capture " + source
          + ":");
      m.forEach(x -> b.append("\n  cluster '").append(x.cluster()).append("' VC '")
          .append(x.virtualCluster()).append("': ").append(Printable.of(x.sql())));
      b.append("\nNext: capture the cluster again with the pcr-upgrade release that sends them");
      throw new PcrUpgradeException(ReplayErrorCode.STATEMENT_NOT_IN_CAPTURE, b.toString());
    }
  }

  private WireServer server(String role) {
    WireServer s = servers.get(role);
    if (s == null) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "capture " + source
          + " has no cluster '" + role + "'; it has " + servers.keySet());
    }
    return s;
  }

  @Override
  public void close() {
    servers.values().stream().filter(Objects::nonNull).forEach(WireServer::close);
  }
}
