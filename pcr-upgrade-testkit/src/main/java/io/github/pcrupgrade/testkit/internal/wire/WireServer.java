package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import io.github.pcrupgrade.testkit.sql.StatementLatency;
import io.github.pcrupgrade.testkit.sql.StatementLog;
import io.github.pcrupgrade.testkit.sql.WireLimits;
import io.github.pcrupgrade.testkit.sql.WireStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL wire-protocol server (protocol 3.0) in front of one simulated CockroachDB cluster
 * ({@link WireBackend}), answering as CockroachDB does: routing to virtual clusters, SCRAM or
 * cleartext authentication, ParameterStatus, the SQL subset of this package, per-series result
 * shapes and the product's errors. Listens on a loopback address; {@link #port()} gives the bound
 * port once {@link #start()}ed.
 *
 * <p><b>Threads.</b> One thread accepts, one thread serves each connection. They come from the
 * {@link Builder#executor(ExecutorService) injected executor} (which must be able to run that many
 * tasks concurrently, and which the caller shuts down), or by default from an executor the server
 * owns, made of daemon threads named {@code pcr-wire-<cluster>-<n>}, shut down by {@link #close()}.
 *
 * <p><b>Robustness.</b> A malformed or oversized message gets an {@code 08P01} error and closes
 * that connection only; an exception while serving one connection never affects the others and
 * never escapes its handler. The {@link WireLimits} (connection cap, message size, startup and
 * idle timeouts) bound what abusive clients can hold; {@link #stats()} shows it.
 *
 * <p>Thread-safe. {@code close()} closes the listening socket and every open connection.
 */
public final class WireServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WireServer.class);

  /** The default bound on the size of one client message, 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = WireLimits.DEFAULT_MAX_MESSAGE_SIZE;

  private final WireBackend backend;
  private final InetAddress host;
  private final int requestedPort;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final StatementLatency latency;
  private final Random random;
  private final Clock clock;
  private final WireLimits limits;
  private final java.util.function.LongSupplier ticker;
  private final WireCounters counters = new WireCounters();
  private final StatementLog log;
  private final RecordedAnswers recorded;
  private final Map<Integer, WireConnection> connections = new ConcurrentHashMap<>();
  private final AtomicInteger nextProcessId = new AtomicInteger(1);
  private volatile ServerSocket listener;
  /** The port bound by {@link #start()}, kept while {@link #suspend() suspended}. */
  private volatile int boundPort = -1;

  private WireServer(Builder b) {
    this.backend = b.backend;
    this.host = b.host;
    this.requestedPort = b.port;
    this.latency = b.latency;
    this.random = b.random;
    this.clock = b.clock;
    this.limits = b.limits;
    this.ticker = b.ticker;
    this.log = b.log != null ? b.log : new StatementLog();
    this.recorded = b.recorded;
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownsExecutor = false;
    } else {
      this.executor = Executors.newCachedThreadPool(daemonThreads(backend.clusterName()));
      this.ownsExecutor = true;
    }
  }

  private static ThreadFactory daemonThreads(String cluster) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "pcr-wire-" + cluster + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A builder for a server in front of {@code backend}. */
  public static Builder builder(WireBackend backend) {
    return new Builder(backend);
  }

  /**
   * Binds the listening socket and starts accepting connections.
   *
   * @return this server
   * @throws IOException if the address cannot be bound
   * @throws IllegalStateException if already started
   */
  public synchronized WireServer start() throws IOException {
    if (listener != null) {
      throw new IllegalStateException("the wire server for " + backend.clusterName()
          + " is already started");
    }
    listen(requestedPort);
    return this;
  }

  private void listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(host, port));
    listener = s;
    boundPort = s.getLocalPort();
    executor.execute(this::acceptLoop);
    LOG.debug("{} - wire server listening on {}:{}", backend.clusterName(),
        host.getHostAddress(), s.getLocalPort());
  }

  private volatile boolean suspended;

  /**
   * Closes every open connection and takes no new one, as a node whose process stopped: sessions
   * are gone, and a connection attempt fails at once (it is reset before the startup message; a
   * multi-host client moves on to its next host). The port stays bound, so no other process can
   * take it before {@link #resume()}. No-op when not started or already suspended.
   */
  public synchronized void suspend() {
    if (listener == null || suspended) {
      return;
    }
    suspended = true;
    connections.values().forEach(WireConnection::closeSocket);
    LOG.debug("{} - wire server on port {} suspended", backend.clusterName(), boundPort);
  }

  /** Takes connections again after {@link #suspend()}, as a node whose process started again. */
  public synchronized void resume() {
    if (suspended) {
      suspended = false;
      LOG.debug("{} - wire server on port {} resumed", backend.clusterName(), boundPort);
    }
  }

  /** True while {@link #suspend() suspended}. */
  public boolean isSuspended() {
    return suspended;
  }

  /**
   * The bound port (kept while suspended). @throws IllegalStateException before {@link #start()}
   */
  public int port() {
    if (boundPort < 0) {
      throw new IllegalStateException("the wire server is not started");
    }
    return boundPort;
  }

  /** The address the server listens on. */
  public InetAddress host() {
    return host;
  }

  /** The statements executed so far. */
  public StatementLog statementLog() {
    return log;
  }

  private void acceptLoop() {
    ServerSocket s = listener;
    while (!s.isClosed()) {
      Socket socket;
      try {
        socket = s.accept();
      } catch (IOException e) {
        if (!s.isClosed()) {
          LOG.warn("{} - accept failed: {}", backend.clusterName(), e.toString());
        }
        continue;
      }
      if (suspended) {
        reset(socket);
        continue;
      }
      if (connections.size() >= limits.maxConnections()) {
        counters.refused.incrementAndGet();
        ConnectionRefusal.refuse(socket);
        continue;
      }
      int pid = nextProcessId.getAndIncrement();
      WireConnection c = new WireConnection(this, backend, socket, pid, random.nextInt());
      connections.put(pid, c);
      try {
        executor.execute(c);
      } catch (RejectedExecutionException e) {
        connections.remove(pid);
        c.closeSocket();
      }
    }
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // gone anyway
    }
  }

  /** Stops listening, closes every connection, and shuts down the executor if the server owns it. */
  @Override
  public synchronized void close() {
    ServerSocket s = listener;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    connections.values().forEach(WireConnection::closeSocket);
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  // ---- used by connections

  void unregister(int processId) {
    connections.remove(processId);
  }

  void cancel(int processId, int secretKey) {
    WireConnection c = connections.get(processId);
    if (c != null && c.secretKey() == secretKey) {
      c.cancel();
    }
  }

  void log(ExecutedStatement e) {
    log.add(e);
  }

  StatementLatency latency() {
    return latency;
  }

  Random random() {
    return random;
  }

  Clock clock() {
    return clock;
  }

  /** Where connections run their client watches ({@link ClientWatch}). */
  java.util.concurrent.Executor executor() {
    return executor;
  }

  /** The limits this server enforces. */
  public WireLimits limits() {
    return limits;
  }

  /** What the server holds and has refused now (its own accounting, not the JVM's). */
  public WireStats stats() {
    return counters.snapshot(connections.size());
  }

  java.util.function.LongSupplier ticker() {
    return ticker;
  }

  /** The recorded answers served instead of evaluating statements (replay), if any. */
  java.util.Optional<RecordedAnswers> recorded() {
    return java.util.Optional.ofNullable(recorded);
  }

  WireCounters counters() {
    return counters;
  }

  /** Configures a {@link WireServer}; {@link #build()} validates and copies. Not thread-safe. */
  public static final class Builder {
    private final WireBackend backend;
    private InetAddress host = InetAddress.getLoopbackAddress();
    private int port;
    private ExecutorService executor;
    private StatementLatency latency = StatementLatency.none();
    private Random random;
    private Clock clock = Clock.systemUTC();
    private WireLimits limits = WireLimits.defaults();
    private java.util.function.LongSupplier ticker = System::nanoTime;
    private StatementLog log;
    private RecordedAnswers recorded;

    private Builder(WireBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** The address to listen on; default the loopback address ({@code 127.0.0.1}). */
    public Builder host(InetAddress host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; default 0, an ephemeral port (read it with {@link WireServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Where the accept loop and the connections run; the caller keeps ownership. */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Delay injected before each statement; default none. */
    public Builder latency(StatementLatency latency) {
      this.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** Source of SCRAM nonces and cancel keys; default a new {@link SecureRandom}. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The clock of the statement log; default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Largest accepted client message in bytes (shorthand for {@link #limits(WireLimits)} with
     * {@link WireLimits#withMaxMessageSize(int)}); default 1 MiB, 1 KiB to 1 GiB.
     *
     * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} out of range
     */
    public Builder maxMessageSize(int bytes) {
      this.limits = limits.withMaxMessageSize(bytes);
      return this;
    }

    /** The limits against abusive clients; default {@link WireLimits#defaults()}. */
    public Builder limits(WireLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * The monotonic nanosecond time source of the startup and idle timeouts; default {@code
     * System::nanoTime}. A test may pass a manual one and move it to trigger a timeout without
     * waiting (a waiting read looks at it at least every 100 ms).
     */
    public Builder ticker(java.util.function.LongSupplier nanoTicker) {
      this.ticker = Objects.requireNonNull(nanoTicker, "nanoTicker");
      return this;
    }

    /**
     * The log the server records executed statements in; default a log of its own. Several servers
     * (the nodes of one cluster) may share one.
     */
    public Builder statementLog(StatementLog log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Serves {@code answers} instead of evaluating statements (the replay mode of a capture);
     * default none. The backend still routes, authenticates and describes the server.
     */
    public Builder recordedAnswers(RecordedAnswers answers) {
      this.recorded = Objects.requireNonNull(answers, "answers");
      return this;
    }

    /** A server with this configuration, not yet started. */
    public WireServer build() {
      if (random == null) {
        random = new SecureRandom();
      }
      return new WireServer(this);
    }
  }
}
