package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to reach one CockroachDB cluster. Built with {@link #builder(String)}; immutable and
 * thread-safe. The password is held only as a supplier and never printed ({@link #toString()}
 * masks it). Every connection names its VC explicitly with {@code options=-ccluster=<vc>}; the
 * cluster's default VC is never relied on. TLS properties ({@code sslmode}, {@code sslrootcert},
 * {@code sslcert}, {@code sslkey}, ...) pass through to pgjdbc unchanged.
 */
public final class ClusterConnectionSettings {

  private final String clusterName;
  private final String hosts;
  private final String database;
  private final String user;
  private final Supplier<String> password;
  private final Map<String, String> driverProperties;
  private final String applicationName;
  private final Duration connectTimeout;
  private final Duration statementTimeout;
  private final Duration blockingStatementTimeout;
  private final int maxPoolSize;
  private final String appVirtualCluster;

  private ClusterConnectionSettings(Builder b) {
    this.clusterName = b.clusterName;
    this.hosts = b.hosts;
    this.database = b.database;
    this.user = b.user;
    this.password = b.password;
    this.driverProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.driverProperties));
    this.applicationName = b.applicationName;
    this.connectTimeout = b.connectTimeout;
    this.statementTimeout = b.statementTimeout;
    this.blockingStatementTimeout = b.blockingStatementTimeout;
    this.maxPoolSize = b.maxPoolSize;
    this.appVirtualCluster = b.appVirtualCluster;
  }

  /** A builder for the cluster with this display name ({@code primary}, {@code us-east}). */
  public static Builder builder(String clusterName) {
    Objects.requireNonNull(clusterName, "clusterName");
    return new Builder(clusterName);
  }

  public String clusterName() {
    return clusterName;
  }

  /** The JDBC URL without credentials, VC routing or properties: {@code jdbc:postgresql://h:p/db}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hosts + "/" + database;
  }

  public String user() {
    return user;
  }

  /** The password supplier the settings were given (may supply null for no password). */
  public Supplier<String> passwordSupplier() {
    return password;
  }

  /** Driver properties passed through to pgjdbc (TLS and others). */
  public Map<String, String> driverProperties() {
    return driverProperties;
  }

  public String applicationName() {
    return applicationName;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration statementTimeout() {
    return statementTimeout;
  }

  /**
   * The network bound on a statement that does its work inside itself: {@code SET CLUSTER SETTING
   * version} (the migrations) and {@code ALTER VIRTUAL CLUSTER ... STOP SERVICE} (every node
   * stopping), crdb-pcr-sql-facts 10.1.
   */
  public Duration blockingStatementTimeout() {
    return blockingStatementTimeout;
  }

  public int maxPoolSize() {
    return maxPoolSize;
  }

  /** The application VC's name on the primary and of the replicating VC on the standby. */
  public String appVirtualCluster() {
    return appVirtualCluster;
  }

  @Override
  public String toString() {
    return "ClusterConnectionSettings[" + clusterName + ", " + jdbcUrl() + ", user=" + user
        + ", password=****, properties=" + driverProperties.keySet() + "]";
  }

  /** Builds settings; each setter checks its argument and names it in the error. */
  public static final class Builder {
    private final String clusterName;
    private String hosts;
    private String database = "defaultdb";
    private String user = "root";
    private Supplier<String> password = () -> null;
    private final Map<String, String> driverProperties = new LinkedHashMap<>();
    private String applicationName = "pcr-upgrade";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration statementTimeout = Duration.ofSeconds(60);
    private Duration blockingStatementTimeout = Duration.ofHours(2);
    private int maxPoolSize = 12;
    private String appVirtualCluster = "main";

    private Builder(String clusterName) {
      if (clusterName == null || clusterName.isBlank()) {
        throw invalid("clusterName must not be blank");
      }
      this.clusterName = clusterName;
    }

    /**
     * The cluster's URL, in JDBC form ({@code jdbc:postgresql://h1:26257,h2:26257/defaultdb?sslmode=verify-full})
     * or libpq form ({@code postgresql://user:secret@h1:26257/defaultdb?sslmode=verify-full}, as
     * {@code cockroach} prints it). User and password found in the URL are taken as credentials;
     * query parameters become driver properties; a {@code -ccluster} in {@code options} is
     * dropped (the adapters route every connection themselves).
     *
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} naming what is wrong (never echoing a
     *     password)
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      if (url == null || url.isBlank()) {
        throw invalid("url of cluster '" + clusterName + "' must not be blank");
      }
      String rest;
      String lower = url.toLowerCase(Locale.ROOT);
      if (lower.startsWith("jdbc:postgresql://")) {
        rest = url.substring("jdbc:postgresql://".length());
      } else if (lower.startsWith("postgresql://")) {
        rest = url.substring("postgresql://".length());
      } else if (lower.startsWith("postgres://")) {
        rest = url.substring("postgres://".length());
      } else {
        throw invalid("url of cluster '" + clusterName + "' must start with jdbc:postgresql://,"
            + " postgresql:// or postgres://, got '" + redact(url) + "'");
      }
      // The user info ends at the last '@' that is followed by a host list: a password with an
      // unencoded '@' or '/' must still never be taken for the host, path or query.
      int at = userInfoEnd(rest);
      String userInfo = at >= 0 ? rest.substring(0, at) : null;
      rest = rest.substring(at + 1);
      String query = "";
      int q = rest.indexOf('?');
      if (q >= 0) {
        query = rest.substring(q + 1);
        rest = rest.substring(0, q);
      }
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        String u = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
        if (!u.isEmpty()) {
          user = u;
        }
        if (colon >= 0) {
          String secret = decode(userInfo.substring(colon + 1));
          password = () -> secret;
        }
      }
      int slash = rest.indexOf('/');
      String hostPart = slash >= 0 ? rest.substring(0, slash) : rest;
      String db = slash >= 0 ? decode(rest.substring(slash + 1)) : "";
      if (hostPart.isEmpty() || hostPart.contains(" ")) {
        throw invalid("url of cluster '" + clusterName + "' names no host: '" + redact(url) + "'");
      }
      for (String hp : hostPart.split(",")) {
        int c = hp.lastIndexOf(':');
        if (hp.isEmpty() || (c >= 0 && !hp.substring(c + 1).matches("[0-9]{1,5}"))) {
          throw invalid("url of cluster '" + clusterName + "' has a malformed host:port in '"
              + redact(url) + "' (a password with ? or # must be percent-encoded: %3F, %23)");
        }
        if (c >= 0) {
          int port = Integer.parseInt(hp.substring(c + 1));
          if (port < 1 || port > 65535) {
            throw invalid("url of cluster '" + clusterName + "' has port " + port
                + "; a port is 1 to 65535 (CockroachDB listens on 26257 by default)");
          }
        }
      }
      hosts = hostPart;
      if (!db.isEmpty()) {
        database = db;
      }
      if (!query.isEmpty()) {
        for (String pair : query.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String k = decode(eq >= 0 ? pair.substring(0, eq) : pair);
          String v = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
          switch (k) {
            case "user" -> user = v;
            case "password" -> password = () -> v;
            case "options" -> {
              String kept = withoutClusterOption(v);
              if (!kept.isEmpty()) {
                driverProperties.put("options", kept);
              }
            }
            default -> driverProperties.put(k, v);
          }
        }
      }
      return this;
    }

    public Builder user(String userName) {
      Objects.requireNonNull(userName, "userName");
      if (userName == null || userName.isBlank()) {
        throw invalid("user of cluster '" + clusterName + "' must not be blank");
      }
      this.user = userName;
      return this;
    }

    /** The password, asked for each time a connection pool is created (never stored here). */
    public Builder password(Supplier<String> passwordSupplier) {
      this.password = Objects.requireNonNull(passwordSupplier, "passwordSupplier");
      return this;
    }

    /** A pgjdbc property (for example {@code sslmode}, {@code sslrootcert}). */
    public Builder driverProperty(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name == null || name.isBlank() || value == null) {
        throw invalid("driver property names and values must not be blank/null");
      }
      if (name.equals("password") || name.equals("user")) {
        throw invalid("set the " + name + " with the builder's " + name + "() method");
      }
      driverProperties.put(name, value);
      return this;
    }

    /** {@code application_name} of every session (default {@code pcr-upgrade}). */
    public Builder applicationName(String name) {
      this.applicationName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** How long to wait for a connection; 250 ms to 10 min (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      this.connectTimeout = bounded("connectTimeout", timeout, Duration.ofMillis(250),
          Duration.ofMinutes(10));
      return this;
    }

    /** The bound on one statement's network wait; 1 s to 1 h (default 60 s). */
    public Builder statementTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      this.statementTimeout = bounded("statementTimeout", timeout, Duration.ofSeconds(1),
          Duration.ofHours(1));
      return this;
    }

    /**
     * The network bound on a finalization ({@code SET CLUSTER SETTING version}) or a
     * {@code STOP SERVICE}, which run their work inside the statement (minutes on a large cluster;
     * crdb-pcr-sql-facts 10.1); 1 min to 49 h (default 2 h). Keep it at least as long as the
     * executor's {@code finalizationTimeout} and {@code readerVcTimeout}: a shorter bound would cut
     * the statement before the step times out. The executor bounds, and when cancelled abandons,
     * the call itself (the statement is then cancelled and its connection closed).
     */
    public Builder blockingStatementTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      this.blockingStatementTimeout = bounded("blockingStatementTimeout", timeout,
          Duration.ofMinutes(1), Duration.ofHours(49));
      return this;
    }

    /**
     * Connections per VC pool; 1 to 32 (default 8: the first round of an inspection sends up to
     * eight statements to the system VC at once, and fewer connections queue them behind each
     * other, one extra round trip each time). Idle connections are closed after HikariCP's idle
     * timeout.
     */
    public Builder maxPoolSize(int size) {
      if (size < 1 || size > 32) {
        throw invalid("maxPoolSize must be between 1 and 32, got " + size);
      }
      this.maxPoolSize = size;
      return this;
    }

    /** The application VC's name (default {@code main}); validated against the product's pattern. */
    public Builder appVirtualCluster(String name) {
      Objects.requireNonNull(name, "name");
      try {
        this.appVirtualCluster = VirtualClusterInfo.requireValidName(name);
      } catch (PcrUpgradeException e) {
        throw invalid("appVirtualCluster: " + e.getMessage());
      }
      return this;
    }

    public ClusterConnectionSettings build() {
      if (hosts == null) {
        throw invalid("cluster '" + clusterName + "' has no url; call url(...)");
      }
      return new ClusterConnectionSettings(this);
    }

    private static Duration bounded(String name, Duration d, Duration min, Duration max) {
      if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw invalid(name + " must be between " + min + " and " + max + ", got " + d);
      }
      return d;
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid("url contains a malformed %-escape");
      }
    }

    private static String withoutClusterOption(String options) {
      StringBuilder kept = new StringBuilder();
      for (String part : options.trim().split("\\s+")) {
        if (part.isEmpty() || part.startsWith("-ccluster=") || part.startsWith("--cluster=")) {
          continue;
        }
        kept.append(kept.length() == 0 ? "" : " ").append(part);
      }
      return kept.toString();
    }
  }

  /** The URL with any {@code user:password@} part and password parameter removed. */
  static String redact(String url) {
    int scheme = url.indexOf("://");
    int start = scheme >= 0 ? scheme + 3 : 0; // no scheme: the user info may start the text
    String s = url;
    String rest = url.substring(start);
    int at = userInfoEnd(rest);
    if (at < 0 && rest.indexOf('@') >= 0) {
      at = rest.lastIndexOf('@'); // no host after it: hide everything up to it all the same
    }
    if (at >= 0) {
      s = url.substring(0, start) + "****@" + rest.substring(at + 1);
    }
    return s.replaceAll("(?i)(password=)[^&]*", "$1****");
  }

  /**
   * Where the user info of {@code rest} (a URL after its {@code ://}) ends: the last {@code @}
   * followed by a host list ({@code host[:port][,host[:port]]...}) and then the end, a {@code /}
   * or a {@code ?}; -1 when there is none.
   */
  private static int userInfoEnd(String rest) {
    int q = rest.indexOf('?');
    int from = q >= 0 ? q - 1 : rest.length() - 1;
    for (int at = from < 0 ? -1 : rest.lastIndexOf('@', from); at >= 0;
        at = rest.lastIndexOf('@', at - 1)) {
      int end = at + 1;
      while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
        end++;
      }
      if (rest.substring(at + 1, end).matches("[A-Za-z0-9.\\-\\[\\]:,_%]+")) {
        return at;
      }
      if (at == 0) {
        break;
      }
    }
    return -1;
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(JdbcErrorCode.INVALID_SETTINGS, message);
  }
}
