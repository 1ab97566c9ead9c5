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

  /**
   * A builder for the cluster with this display name ({@code primary}, {@code us-east}).
   *
   * @param clusterName the name every message, log line and pool name uses for the cluster; not
   *     blank
   * @return a builder with the defaults of the README's connection table; {@link Builder#url} is
   *     required
   * @throws PcrUpgradeException {@code INVALID_SETTINGS} for a blank name
   */
  public static Builder builder(String clusterName) {
    Objects.requireNonNull(clusterName, "clusterName");
    return new Builder(clusterName);
  }

  /**
   * The cluster's display name.
   *
   * @return the name given to {@link #builder(String)}
   */
  public String clusterName() {
    return clusterName;
  }

  /**
   * The JDBC URL without credentials, VC routing or properties, so that it is safe to print.
   *
   * @return {@code jdbc:postgresql://<hosts>/<database>}, e.g.
   *     {@code jdbc:postgresql://h1:26257,h2:26257/defaultdb}
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hosts + "/" + database;
  }

  /**
   * The SQL user every session logs in as.
   *
   * @return the user from the URL or {@link Builder#user}; {@code root} by default
   */
  public String user() {
    return user;
  }

  /**
   * The password supplier the settings were given. The adapters call it each time they create a
   * connection pool (one per VC, lazily) and hand the value to HikariCP only; it is never logged
   * nor put in a message.
   *
   * @return the supplier; it may supply null for no password (certificate authentication)
   */
  public Supplier<String> passwordSupplier() {
    return password;
  }

  /**
   * Driver properties passed through to pgjdbc (TLS and others).
   *
   * @return an unmodifiable map, in the order given: the URL's query parameters (without
   *     {@code user}, {@code password} and any {@code -ccluster} option) and those of
   *     {@link Builder#driverProperty}
   */
  public Map<String, String> driverProperties() {
    return driverProperties;
  }

  /**
   * The {@code application_name} of every session, as the cluster's {@code SHOW SESSIONS} shows
   * it.
   *
   * @return {@code pcr-upgrade} unless set
   */
  public String applicationName() {
    return applicationName;
  }

  /**
   * How long to wait for a connection: HikariCP's connection timeout, and pgjdbc's connect and
   * login timeouts (in whole seconds, at least 1).
   *
   * @return 250 ms to 10 min; 10 s unless set
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The bound on waiting for the answer to one statement other than a finalization or
   * {@code STOP SERVICE}: pgjdbc's {@code socketTimeout} is set to it plus 5 seconds, so a
   * statement the server does not answer in time fails as a lost connection.
   *
   * @return 1 s to 1 h; 60 s unless set
   */
  public Duration statementTimeout() {
    return statementTimeout;
  }

  /**
   * The network bound on a statement that does its work inside itself: {@code SET CLUSTER SETTING
   * version} (the migrations) and {@code ALTER VIRTUAL CLUSTER ... STOP SERVICE} (every node
   * stopping), crdb-pcr-sql-facts 10.1.
   *
   * @return 1 min to 49 h; 2 h unless set
   */
  public Duration blockingStatementTimeout() {
    return blockingStatementTimeout;
  }

  /**
   * The most connections of one VC's pool (there is a pool per VC).
   *
   * @return 1 to 32; 12 unless set
   */
  public int maxPoolSize() {
    return maxPoolSize;
  }

  /**
   * The application VC's name on the primary and of the replicating VC on the standby.
   *
   * @return a valid VC name; {@code main} unless set
   */
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
     * query parameters become driver properties; a VC chosen in {@code options} ({@code
     * -ccluster=}, {@code --cluster=}, {@code -c cluster=}) is dropped (the adapters route every
     * connection themselves), and a database with a {@code cluster:} prefix, which would choose
     * one too, is refused.
     *
     * @param url the cluster's URL; with a list of hosts ({@code h1:26257,h2:26257}) pgjdbc tries
     *     them in turn
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} naming what is wrong (never echoing a
     *     password), among others for a {@code cluster:} database prefix
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
      if (db.startsWith("cluster:")) {
        throw invalid("url of cluster '" + clusterName + "' names a virtual cluster in its"
            + " database ('cluster:' prefix); give the plain database name: the adapters route"
            + " each session to the VC it is for");
      }
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

    /**
     * The SQL user; default {@code root}. Of this and a user in the URL, the later call wins.
     *
     * @param userName the user; not blank
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} for a blank name
     */
    public Builder user(String userName) {
      Objects.requireNonNull(userName, "userName");
      if (userName == null || userName.isBlank()) {
        throw invalid("user of cluster '" + clusterName + "' must not be blank");
      }
      this.user = userName;
      return this;
    }

    /**
     * The password, asked for each time a connection pool is created (never stored here). Of
     * this and a password in the URL, the later call wins.
     *
     * @param passwordSupplier gives the password, or null for none; called from the adapters'
     *     threads, so it must be thread-safe
     * @return this builder
     */
    public Builder password(Supplier<String> passwordSupplier) {
      this.password = Objects.requireNonNull(passwordSupplier, "passwordSupplier");
      return this;
    }

    /**
     * A pgjdbc property (for example {@code sslmode}, {@code sslrootcert}). Of this and a
     * parameter of the same name in the URL, the later call wins. An {@code options} property is
     * sent after the adapters' own {@code -ccluster=<vc>}, and may not choose a VC itself.
     *
     * @param name the property's name; not blank, and neither {@code user} nor {@code password}
     * @param value its value; not null
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} for a blank name or a null value, for
     *     {@code user} and {@code password}, which have their own methods, and for {@code options}
     *     that choose a virtual cluster ({@code -ccluster=}, {@code --cluster=}, {@code -c
     *     cluster=}), which would re-route the adapters' sessions
     */
    public Builder driverProperty(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name == null || name.isBlank() || value == null) {
        throw invalid("driver property names and values must not be blank/null");
      }
      if (name.equals("password") || name.equals("user")) {
        throw invalid("set the " + name + " with the builder's " + name + "() method");
      }
      if (name.equals("options") && choosesCluster(value)) {
        throw invalid("the options property of cluster '" + clusterName + "' chooses a virtual"
            + " cluster (-ccluster, --cluster or -c cluster); remove it: the adapters route each"
            + " session to the VC it is for");
      }
      driverProperties.put(name, value);
      return this;
    }

    /**
     * {@code application_name} of every session (default {@code pcr-upgrade}).
     *
     * @param name the application name
     * @return this builder
     */
    public Builder applicationName(String name) {
      this.applicationName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * How long to wait for a connection; 250 ms to 10 min (default 10 s).
     *
     * @param timeout the bound, as {@link ClusterConnectionSettings#connectTimeout()} applies it
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} outside the limits
     */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      this.connectTimeout = bounded("connectTimeout", timeout, Duration.ofMillis(250),
          Duration.ofMinutes(10));
      return this;
    }

    /**
     * The bound on one statement's network wait; 1 s to 1 h (default 60 s).
     *
     * @param timeout the bound, as {@link ClusterConnectionSettings#statementTimeout()} applies it
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} outside the limits
     */
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
     *
     * @param timeout the network bound of those two statements
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} outside the limits
     */
    public Builder blockingStatementTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      this.blockingStatementTimeout = bounded("blockingStatementTimeout", timeout,
          Duration.ofMinutes(1), Duration.ofHours(49));
      return this;
    }

    /**
     * Connections per VC pool; 1 to 32 (default 12: an inspection sends its statements in one
     * round, 10 to the system VC at once, 11 on 24.1-24.3, and fewer connections queue them
     * behind each other, one extra round trip each time). A cluster without a valid licence
     * refuses more than 5 open transactions ({@code XXC02}); the inspector then sends at most 4
     * at once by itself. Idle connections are closed after HikariCP's idle timeout.
     *
     * @param size the most connections of one VC's pool
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} outside the limits
     */
    public Builder maxPoolSize(int size) {
      if (size < 1 || size > 32) {
        throw invalid("maxPoolSize must be between 1 and 32, got " + size);
      }
      this.maxPoolSize = size;
      return this;
    }

    /**
     * The application VC's name (default {@code main}); validated against the product's pattern.
     *
     * @param name the replicated application VC: its name on the primary, and the replicating
     *     VC's on the standby
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} for a name CockroachDB would refuse
     */
    public Builder appVirtualCluster(String name) {
      Objects.requireNonNull(name, "name");
      try {
        this.appVirtualCluster = VirtualClusterInfo.requireValidName(name);
      } catch (PcrUpgradeException e) {
        throw invalid("appVirtualCluster: " + e.getMessage());
      }
      return this;
    }

    /**
     * The settings. Contacts nothing: a wrong host or password shows on first use.
     *
     * @return immutable, thread-safe settings
     * @throws PcrUpgradeException {@code INVALID_SETTINGS} when no URL was given
     */
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

    /**
     * {@code options} without the parts that choose a virtual cluster: {@code -ccluster=x},
     * {@code --cluster=x} and {@code -c cluster=x}, the forms the server reads as one.
     */
    private static String withoutClusterOption(String options) {
      StringBuilder kept = new StringBuilder();
      String[] parts = options.trim().split("\\s+");
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        if (part.equals("-c") && i + 1 < parts.length && parts[i + 1].startsWith("cluster=")) {
          i++;
          continue;
        }
        if (part.isEmpty() || part.startsWith("-ccluster=") || part.startsWith("--cluster=")) {
          continue;
        }
        kept.append(kept.length() == 0 ? "" : " ").append(part);
      }
      return kept.toString();
    }

    private static boolean choosesCluster(String options) {
      return !withoutClusterOption(options).equals(String.join(" ",
          options.trim().split("\\s+")));
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
