package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.jdbc.internal.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The preflight's {@code stream-source} check: does the standby's stream come from the primary
 * given? While replicating, the only visible evidence is the host of the stream's {@code
 * source_cluster_uri} ({@code SHOW VIRTUAL CLUSTER <vc> WITH REPLICATION STATUS} on the standby's
 * system VC; crdb-pcr-sql-facts 11.1): the standby keeps the source's cluster ID in its ingestion
 * job, which no {@code SHOW} exposes. So it is weak evidence both ways: a match is OK and says so
 * (the same address could serve another cluster later), a mismatch is at most a WARN (the URI may
 * name a load balancer or a DNS alias of the primary), and a URI without a visible host (NULL, an
 * {@code external://} connection, a redacted or unparsable value) is a WARN saying it was not
 * checked. Only hosts and ports are ever printed: the URI's user, password and query never are.
 */
final class StreamSourceCheck {

  static final String NAME = "stream-source";
  static final String FACT = "crdb-pcr-sql-facts 11.1";
  /** What a host may look like: a name, an IPv4 address or a bracketed IPv6 address. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

  private StreamSourceCheck() {}

  /** A host and, when the URI gives one, a port. */
  record Endpoint(String host, Optional<Integer> port) {
    boolean matches(Endpoint o) {
      return host.equalsIgnoreCase(o.host)
          && (port.isEmpty() || o.port.isEmpty() || port.get().equals(o.port.get()));
    }

    @Override
    public String toString() {
      return host + port.map(p -> ":" + p).orElse("");
    }
  }

  /** Reads the stream's URI of {@code vc} on the standby and compares it with the primary's. */
  static PreflightCheck check(Sql sql, String standby, String vc, String primary,
      String primaryJdbcUrl) {
    String subject = standby + "/" + vc;
    Optional<String> uri;
    try {
      List<Optional<String>> rows = sql.query(VirtualClusterInfo.SYSTEM,
          "read the stream URI of VC '" + vc + "'",
          "SHOW VIRTUAL CLUSTER " + Sql.ident(vc) + " WITH REPLICATION STATUS",
          rs -> Optional.ofNullable(rs.getString("source_cluster_uri")));
      uri = rows.isEmpty() ? Optional.empty() : rows.get(0);
    } catch (CockroachSqlException e) {
      return PreflightCheck.warn(NAME, subject, "source_cluster_uri could not be read ("
          + e.getMessage() + "); whether the stream comes from '" + primary + "' was not"
          + " checked", todo(primary), FACT);
    }
    return judge(subject, primary, endpoints(primaryJdbcUrl), uri);
  }

  /** The verdict for the stream URI {@code uri} against the primary's endpoints. Pure. */
  static PreflightCheck judge(String subject, String primary, List<Endpoint> primaryEndpoints,
      Optional<String> uri) {
    if (uri.isEmpty() || uri.get().isBlank()) {
      return PreflightCheck.warn(NAME, subject, "source_cluster_uri is empty: whether the stream"
          + " comes from '" + primary + "' was not checked", todo(primary), FACT);
    }
    String u = uri.get().trim();
    if (u.toLowerCase(Locale.ROOT).startsWith("external://")) {
      return PreflightCheck.warn(NAME, subject, "the stream uses an external connection, whose"
          + " host SHOW VIRTUAL CLUSTER does not show: whether it comes from '" + primary
          + "' was not checked", todo(primary) + " (SHOW EXTERNAL CONNECTIONS names its URI)",
          FACT);
    }
    List<Endpoint> stream = endpoints(u);
    if (stream.isEmpty()) {
      return PreflightCheck.warn(NAME, subject, "source_cluster_uri shows no host pcr-upgrade can"
          + " read (redacted or in an unknown form): whether the stream comes from '" + primary
          + "' was not checked", todo(primary), FACT);
    }
    boolean match = stream.stream().anyMatch(s -> primaryEndpoints.stream().anyMatch(s::matches));
    if (match) {
      return PreflightCheck.ok(NAME, subject, "the stream's source " + stream + " is among the"
          + " addresses of '" + primary + "' " + primaryEndpoints + ": weak evidence that the"
          + " standby replicates from it (an address can front another cluster; the source's"
          + " cluster id is not visible while replicating)", FACT);
    }
    return PreflightCheck.warn(NAME, subject, "the stream's source " + stream + " is not among"
        + " the addresses of '" + primary + "' " + primaryEndpoints + "; this is weak evidence"
        + " either way: the stream may use a load balancer or an alias of the primary",
        todo(primary), FACT);
  }

  private static String todo(String primary) {
    return "confirm that the standby's stream comes from '" + primary + "' (the host in"
        + " source_cluster_uri should reach its nodes)";
  }

  /**
   * The hosts of a {@code scheme://[userinfo@]host[:port][,host[:port]...][/path][?query]} URI
   * (a JDBC URL too); empty when none can be read. Never returns user, password or query.
   */
  static List<Endpoint> endpoints(String uri) {
    String rest = uri.trim();
    if (rest.regionMatches(true, 0, "jdbc:", 0, 5)) {
      rest = rest.substring(5);
    }
    int scheme = rest.indexOf("://");
    if (scheme < 0) {
      return List.of();
    }
    rest = rest.substring(scheme + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    List<Endpoint> out = new ArrayList<>();
    for (String part : authority.split(",")) {
      Optional<Endpoint> e = endpoint(part.trim());
      if (e.isEmpty()) {
        return List.of();
      }
      out.add(e.get());
    }
    return List.copyOf(out);
  }

  private static Optional<Endpoint> endpoint(String hostPort) {
    String host = hostPort;
    Optional<Integer> port = Optional.empty();
    int colon = hostPort.lastIndexOf(':');
    if (colon > hostPort.lastIndexOf(']')) {
      host = hostPort.substring(0, colon);
      try {
        int p = Integer.parseInt(hostPort.substring(colon + 1));
        if (p < 1 || p > 65535) {
          return Optional.empty();
        }
        port = Optional.of(p);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    if (host.isEmpty() || !HOST.matcher(host).matches()
        || host.equalsIgnoreCase("redacted")) {
      return Optional.empty();
    }
    return Optional.of(new Endpoint(host, port));
  }
}
