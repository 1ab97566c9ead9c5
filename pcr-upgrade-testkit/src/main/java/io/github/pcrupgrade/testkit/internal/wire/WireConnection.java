package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.ParsedStatement;
import io.github.pcrupgrade.testkit.internal.sql.Parser;
import io.github.pcrupgrade.testkit.internal.sql.SqlSyntaxException;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client connection: startup, routing, authentication, then the query loop. */
final class WireConnection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(WireConnection.class);

  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int PROTOCOL_3_0 = 196608;
  private static final Pattern VC_NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?$");
  static final String ROUTING_HINT =
      "Double check your \"-ccluster=\" connection option or your \"cluster:\" database name prefix.";

  private final WireServer server;
  private final WireBackend backend;
  private final Socket socket;
  private final int processId;
  private final int secretKey;
  /** When the connection was accepted, on the server's ticker: its startup deadline counts from it. */
  private final long acceptedAt;
  private final Parser parser = new Parser();
  private DataInputStream in;
  private FrameReader frames;
  /** The deadline of the whole startup, from the moment the connection was accepted. */
  private FrameReader.Deadline startupDeadline;
  private PgOutput out;
  private Session session;
  private SqlEngine engine;

  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private boolean skipUntilSync;

  private final Object cancelLock = new Object();
  private boolean running;
  private boolean cancelRequested;
  /** True while the backend executes a statement: a cancel or a vanished client interrupts it. */
  private boolean executing;
  private Thread worker;
  /** True while this session holds one of the backend's open transactions. */
  private boolean inTransaction;

  /** A prepared statement: null {@code parsed} for an empty query. */
  private record Prepared(ParsedStatement parsed, List<Integer> paramOids) {}

  /** A bound portal and, once executed, its result and cursor. */
  private static final class Portal {
    final Prepared prepared;
    final List<Object> params;
    final List<Short> resultFormats;
    StatementResult result;
    int cursor;

    Portal(Prepared prepared, List<Object> params, List<Short> resultFormats) {
      this.prepared = prepared;
      this.params = params;
      this.resultFormats = resultFormats;
    }
  }

  WireConnection(WireServer server, WireBackend backend, Socket socket, int processId,
      int secretKey) {
    this.server = server;
    this.backend = backend;
    this.socket = socket;
    this.processId = processId;
    this.secretKey = secretKey;
    this.acceptedAt = server.ticker().getAsLong();
  }

  int secretKey() {
    return secretKey;
  }

  void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void run() {
    // Not try-with-resources: its catch blocks would run after the socket is closed, and the
    // error must still reach the client.
    try {
      worker = Thread.currentThread();
      socket.setTcpNoDelay(true);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      out = new PgOutput(new BufferedOutputStream(socket.getOutputStream()));
      frames = new FrameReader(socket, in, server.limits().maxMessageSize(), server.ticker(),
          server.counters());
      startupDeadline = new FrameReader.Deadline(
          acceptedAt + server.limits().startupTimeout().toNanos(), true);
      if (startup()) {
        loop();
      }
    } catch (FrameReader.Timeout e) {
      server.counters().timedOut.incrementAndGet();
      LOG.debug("{} - closing connection {}: {}", backend.clusterName(), processId,
          e.getMessage());
      if (!e.startup) {
        // PostgreSQL's idle_session_timeout; its authentication_timeout closes without a word
        fatal(SqlStates.IDLE_SESSION_TIMEOUT,
            "terminating connection due to idle-session timeout", null);
      }
    } catch (ProtocolViolation e) {
      LOG.debug("{} - closing connection {} after a protocol violation: {}",
          backend.clusterName(), processId, e.getMessage());
      fatal(SqlStates.PROTOCOL_VIOLATION, e.getMessage(), null);
    } catch (EOFException | SocketException e) {
      LOG.debug("{} - connection {} closed by peer", backend.clusterName(), processId);
    } catch (IOException e) {
      LOG.debug("{} - connection {} failed: {}", backend.clusterName(), processId, e.toString());
    } catch (RuntimeException | Error e) {
      // Never out of the handler: a bug here ends this connection only, and is counted
      server.counters().failed.incrementAndGet();
      LOG.warn("{} - connection {} failed unexpectedly", backend.clusterName(), processId, e);
      fatal(SqlStates.INTERNAL_ERROR, "internal error: " + e, null);
    } finally {
      if (frames != null) {
        frames.release();
      }
      closeSocket();
      server.unregister(processId);
      if (inTransaction) {
        inTransaction = false;
        backend.closeTransaction();
      }
    }
  }

  private void fatal(String code, String message, String hint) {
    if (out == null) {
      return;
    }
    try {
      out.error("FATAL", code, message, null, hint);
      out.flush();
    } catch (IOException | RuntimeException ignored) {
      // the peer is gone
    }
  }

  // ------------------------------------------------------------------ framing

  /** The deadline for the next message of a ready session: none, or the idle timeout. */
  private FrameReader.Deadline idleDeadline() {
    java.time.Duration idle = server.limits().idleTimeout();
    return idle.isZero() ? null : frames.after(idle.toNanos(), false);
  }

  /**
   * The statements in {@code sql}; a nesting too deep for the parser's stack is PostgreSQL's
   * {@code 54001 stack depth limit exceeded}, for this statement only.
   */
  private List<ParsedStatement> parseSql(String sql) {
    try {
      return parser.parse(sql);
    } catch (StackOverflowError e) {
      throw new WireSqlException(SqlStates.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
    }
  }

  // ------------------------------------------------------------------ startup

  /** Returns true when the session is ready for queries. */
  private boolean startup() throws IOException, ProtocolViolation {
    Payload p;
    while (true) {
      p = new Payload(frames.startupPacket(startupDeadline));
      int code = p.int32();
      if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
        out.raw('N');
        out.flush();
        continue;
      }
      if (code == CANCEL_REQUEST) {
        server.cancel(p.int32(), p.int32());
        return false;
      }
      if (code != PROTOCOL_3_0) {
        throw new ProtocolViolation("unsupported frontend protocol " + (code >>> 16) + "."
            + (code & 0xffff));
      }
      break;
    }
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      String key = p.cstring();
      if (key.isEmpty()) {
        break;
      }
      params.put(key, p.cstring());
    }
    String user = params.get("user");
    if (user == null || user.isEmpty()) {
      fatal("28000", "no username specified", null);
      return false;
    }
    List<String[]> optionVars = new ArrayList<>();
    String vcFromOptions = null;
    for (String[] kv : parseOptions(params.getOrDefault("options", ""))) {
      if (kv[0].equals("cluster")) {
        vcFromOptions = kv[1];
      } else {
        optionVars.add(kv);
      }
    }
    String database = params.getOrDefault("database", "");
    String vc = vcFromOptions;
    if (vc == null && database.startsWith("cluster:")) {
      String rest = database.substring("cluster:".length());
      int slash = rest.indexOf('/');
      vc = slash < 0 ? rest : rest.substring(0, slash);
      database = slash < 0 ? "" : rest.substring(slash + 1);
    }
    if (vc == null) {
      vc = backend.defaultVirtualCluster();
    }
    if (database.isEmpty()) {
      database = "defaultdb";
    }
    Optional<VcRoute> route = VC_NAME.matcher(vc).matches() ? backend.route(vc) : Optional.empty();
    if (route.isEmpty() || !route.get().isServing()) {
      fatal(SqlStates.CONNECTION_EXCEPTION, "service unavailable for target tenant (" + vc + ")",
          ROUTING_HINT);
      return false;
    }
    if (!authenticate(user)) {
      return false;
    }
    ServerInfo info = backend.serverInfo();
    boolean superuser = backend.isSuperuser(user);
    SessionVariables vars = new SessionVariables(info, user, database, superuser,
        params.getOrDefault("application_name", ""));
    session = new Session(user, vc, route.get().system(), superuser, info, vars);
    engine = new SqlEngine(backend, session, kv -> {
      try {
        out.parameterStatus(kv[0], kv[1]);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      for (String[] kv : optionVars) {
        // The product accepts an unknown startup option: loadParameter
        // (pkg/sql/pgwire/pre_serve_options.go) only logs it (crdb-pcr-sql-facts.md 10.2).
        if (!vars.exists(kv[0])) {
          LOG.debug("{} - connection {}: unknown configuration parameter: {}",
              backend.clusterName(), processId, printable(kv[0]));
          continue;
        }
        vars.set(kv[0], kv[1]);
      }
    } catch (WireSqlException e) {
      fatal(e.sqlState(), e.getMessage(), e.hint());
      return false;
    }
    out.authentication(0, new byte[0]);
    out.parameterStatus("server_version", vars.get("server_version"));
    out.parameterStatus("server_encoding", "UTF8");
    out.parameterStatus("client_encoding", vars.get("client_encoding"));
    out.parameterStatus("application_name", vars.get("application_name"));
    out.parameterStatus("DateStyle", vars.get("datestyle"));
    out.parameterStatus("IntervalStyle", vars.get("intervalstyle"));
    out.parameterStatus("is_superuser", vars.get("is_superuser"));
    out.parameterStatus("TimeZone", vars.get("timezone"));
    out.parameterStatus("integer_datetimes", "on");
    out.parameterStatus("standard_conforming_strings", vars.get("standard_conforming_strings"));
    out.parameterStatus("crdb_version", info.buildString());
    server.recorded().ifPresent(r -> r.parameterStatus().forEach((k, v) -> {
      if (!k.equals(SessionVariables.APPLICATION_NAME)) {
        try {
          out.parameterStatus(k, v);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }));
    out.backendKeyData(processId, secretKey);
    out.readyForQuery(session.transaction.status());
    out.flush();
    return true;
  }

  /** {@code text} with control characters escaped, for a log line. */
  private static String printable(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The {@code name=value} settings in a libpq {@code options} string: {@code -c name=value},
   * {@code -cname=value} and {@code --name=value}, separated by blanks ({@code \} escapes a
   * character); dashes in names become underscores.
   */
  static List<String[]> parseOptions(String options) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (c == '\\' && i + 1 < options.length()) {
        w.append(options.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (w.length() > 0) {
          words.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (w.length() > 0) {
      words.add(w.toString());
    }
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String setting = null;
      if (word.equals("-c") && i + 1 < words.size()) {
        setting = words.get(++i);
      } else if (word.startsWith("--")) {
        setting = word.substring(2);
      } else if (word.startsWith("-c")) {
        setting = word.substring(2);
      }
      if (setting != null && setting.indexOf('=') > 0) {
        int eq = setting.indexOf('=');
        out.add(new String[] {setting.substring(0, eq).replace('-', '_'),
            setting.substring(eq + 1)});
      }
    }
    return out;
  }

  private boolean authenticate(String user) throws IOException, ProtocolViolation {
    Optional<Credential> credential = backend.credential(user);
    boolean ok;
    if (credential.isPresent() && credential.get() instanceof Credential.ScramSha256 scram) {
      ok = scram(scram);
    } else {
      out.authentication(3, new byte[0]);
      out.flush();
      Payload p = expectPassword();
      String password = p.cstring();
      ok = credential.isPresent()
          && java.security.MessageDigest.isEqual(
              ((Credential.Cleartext) credential.get()).password()
                  .getBytes(StandardCharsets.UTF_8),
              password.getBytes(StandardCharsets.UTF_8));
    }
    if (!ok) {
      fatal(SqlStates.INVALID_PASSWORD, "password authentication failed for user " + user, null);
    }
    return ok;
  }

  private boolean scram(Credential.ScramSha256 secret) throws IOException, ProtocolViolation {
    out.authenticationSasl(List.of(ScramExchange.MECHANISM));
    out.flush();
    Payload initial = expectPassword();
    String mechanism = initial.cstring();
    if (!mechanism.equals(ScramExchange.MECHANISM)) {
      throw new ProtocolViolation("client selected an invalid SASL authentication mechanism");
    }
    int length = initial.int32();
    ScramExchange exchange = new ScramExchange(secret, server.random());
    out.authentication(11, exchange.serverFirst(initial.bytes(length)));
    out.flush();
    Payload response = expectPassword();
    Optional<byte[]> serverFinal = exchange.serverFinal(response.rest());
    if (serverFinal.isEmpty()) {
      return false;
    }
    out.authentication(12, serverFinal.get());
    return true;
  }

  private Payload expectPassword() throws IOException, ProtocolViolation {
    FrameReader.Frame f = frames.next(startupDeadline);
    if (f == null) {
      throw new EOFException();
    }
    if (f.type() != 'p') {
      throw new ProtocolViolation("expected a password message, got '" + printable(
          String.valueOf((char) f.type())) + "'");
    }
    return new Payload(f.body());
  }

  // ------------------------------------------------------------------ query loop

  private void loop() throws IOException, ProtocolViolation {
    while (true) {
      FrameReader.Frame f = frames.next(idleDeadline());
      if (f == null) {
        return;
      }
      int type = f.type();
      Payload p = new Payload(f.body());
      if (type == 'X') {
        return;
      }
      if (skipUntilSync && type != 'S') {
        continue;
      }
      switch (type) {
        case 'Q' -> simpleQuery(p.cstring());
        case 'P' -> extended(() -> parse(p));
        case 'B' -> extended(() -> bind(p));
        case 'D' -> extended(() -> describe(p));
        case 'E' -> extended(() -> execute(p));
        case 'C' -> extended(() -> close(p));
        case 'H' -> out.flush();
        case 'S' -> {
          skipUntilSync = false;
          out.readyForQuery(session.transaction.status());
          out.flush();
        }
        default -> throw new ProtocolViolation("invalid frontend message type " + type);
      }
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws IOException, ProtocolViolation;
  }

  private void extended(Step step) throws IOException, ProtocolViolation {
    try {
      step.run();
    } catch (WireSqlException e) {
      sendError(e);
      skipUntilSync = true;
    } catch (SqlSyntaxException e) {
      sendError(syntaxError(e));
      skipUntilSync = true;
    } catch (RuntimeException e) {
      // A backend bug while describing: fail the statement, keep the connection.
      LOG.warn("{} - internal error in connection {}", backend.clusterName(), processId, e);
      sendError(new WireSqlException(SqlStates.INTERNAL_ERROR, "internal error: " + e));
      skipUntilSync = true;
    }
  }

  private static WireSqlException syntaxError(SqlSyntaxException e) {
    return new WireSqlException(SqlStates.SYNTAX_ERROR, e.getMessage(), null);
  }

  private void sendError(WireSqlException e) throws IOException {
    if (session.transaction == TransactionState.IN_TRANSACTION) {
      session.transaction = TransactionState.FAILED;
    }
    out.error("ERROR", e.sqlState(), e.getMessage(), null, e.hint());
  }

  private void simpleQuery(String sql) throws IOException {
    List<ParsedStatement> parsed;
    try {
      parsed = parseSql(sql);
    } catch (SqlSyntaxException e) {
      sendError(syntaxError(e));
      out.readyForQuery(session.transaction.status());
      out.flush();
      return;
    } catch (WireSqlException e) {
      sendError(e);
      out.readyForQuery(session.transaction.status());
      out.flush();
      return;
    }
    if (parsed.isEmpty()) {
      out.empty('I');
    }
    for (ParsedStatement ps : parsed) {
      try {
        StatementResult r = run(ps, List.of(), List.of());
        if (r instanceof StatementResult.Rows rows) {
          out.rowDescription(rows.columns(), List.of());
          for (List<Object> row : rows.rows()) {
            out.dataRow(rows.columns(), row, List.of());
          }
          out.commandComplete("SELECT " + rows.rows().size());
        } else {
          out.commandComplete(((StatementResult.Command) r).tag());
        }
      } catch (WireSqlException e) {
        sendError(e);
        break;
      }
    }
    out.readyForQuery(session.transaction.status());
    out.flush();
  }

  /** Injected latency (cancellable), statement log, then the engine. */
  private StatementResult run(ParsedStatement ps, List<Object> params, List<Integer> oids) {
    synchronized (cancelLock) {
      running = true;
      cancelRequested = false;
    }
    try {
      // The statement's transaction is open from its start: the injected latency plays the time
      // it spends on the server, so concurrent statements overlap as in the product.
      if (!inTransaction) {
        backend.openTransaction();
        inTransaction = true;
      }
      Duration delay = server.latency().before(session.virtualCluster, ps.text());
      if (delay != null && !delay.isNegative() && !delay.isZero()) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (cancelLock) {
          long left;
          while (!cancelRequested && (left = deadline - System.nanoTime()) > 0) {
            try {
              cancelLock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              cancelRequested = true;
            }
          }
        }
      }
      synchronized (cancelLock) {
        if (cancelRequested) {
          throw new WireSqlException(SqlStates.QUERY_CANCELED, "query execution canceled");
        }
      }
      server.log(new ExecutedStatement(backend.clusterName(), session.virtualCluster,
          session.user, ps.text(), server.clock().instant()));
      synchronized (cancelLock) {
        executing = true;
      }
      ClientWatch watch = ClientWatch.start(server.executor(), socket, in, this::interruptStatement);
      try {
        Optional<RecordedAnswer> recorded = server.recorded()
            .flatMap(r -> r.answer(session.virtualCluster, ps, false));
        return recorded.isPresent() ? recorded.get().toResult()
            : engine.execute(ps, params, oids);
      } catch (WireSqlException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.warn("{} - backend failed on: {}", backend.clusterName(), ps.text(), e);
        throw new WireSqlException(SqlStates.INTERNAL_ERROR, "internal error: " + e);
      } finally {
        watch.stop();
        synchronized (cancelLock) {
          executing = false;
          Thread.interrupted();
        }
      }
    } finally {
      synchronized (cancelLock) {
        running = false;
      }
      if (inTransaction && session.transaction == TransactionState.IDLE) {
        inTransaction = false;
        backend.closeTransaction();
      }
    }
  }

  /**
   * Called from the CancelRequest's thread: interrupts the latency wait of the running statement,
   * or the statement itself while the backend executes it (a blocking statement then ends with
   * {@code 57014}).
   */
  void cancel() {
    synchronized (cancelLock) {
      if (running) {
        cancelRequested = true;
        cancelLock.notifyAll();
      }
    }
    interruptStatement();
  }

  /** Interrupts the worker if the backend is executing a statement (client gone, or cancelled). */
  private void interruptStatement() {
    synchronized (cancelLock) {
      if (executing && worker != null) {
        worker.interrupt();
      }
    }
  }

  // ------------------------------------------------------------------ extended protocol

  private void parse(Payload p) throws IOException, ProtocolViolation {
    String name = p.cstring();
    String sql = p.cstring();
    int n = p.int16();
    List<Integer> oids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      oids.add(p.int32());
    }
    List<ParsedStatement> parsed = parseSql(sql);
    if (parsed.size() > 1) {
      throw new WireSqlException(SqlStates.SYNTAX_ERROR,
          "cannot insert multiple commands into a prepared statement");
    }
    ParsedStatement ps = parsed.isEmpty() ? null : parsed.get(0);
    if (ps != null) {
      while (oids.size() < ps.placeholderCount()) {
        oids.add(0);
      }
    }
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw new WireSqlException("42P05", "prepared statement \"" + name + "\" already exists");
    }
    statements.put(name, new Prepared(ps, List.copyOf(oids)));
    out.empty('1');
  }

  private void bind(Payload p) throws IOException, ProtocolViolation {
    String portalName = p.cstring();
    String statementName = p.cstring();
    int nFormats = p.int16();
    List<Short> formats = new ArrayList<>();
    for (int i = 0; i < nFormats; i++) {
      formats.add(p.int16());
    }
    int nParams = p.int16();
    List<byte[]> raw = new ArrayList<>();
    for (int i = 0; i < nParams; i++) {
      int len = p.int32();
      raw.add(len < 0 ? null : p.bytes(len));
    }
    int nResult = p.int16();
    List<Short> resultFormats = new ArrayList<>();
    for (int i = 0; i < nResult; i++) {
      resultFormats.add(p.int16());
    }
    Prepared prepared = statements.get(statementName);
    if (prepared == null) {
      throw new WireSqlException(SqlStates.INVALID_STATEMENT_NAME,
          "prepared statement \"" + statementName + "\" does not exist");
    }
    if (nParams != prepared.paramOids().size()) {
      throw new WireSqlException(SqlStates.PROTOCOL_VIOLATION, "bind message supplies " + nParams
          + " parameters, but prepared statement \"" + statementName + "\" requires "
          + prepared.paramOids().size());
    }
    if (nFormats > 1 && nFormats != nParams) {
      throw new ProtocolViolation("bind message has " + nFormats + " parameter formats but "
          + nParams + " parameters");
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < nParams; i++) {
      boolean binary = PgOutput.format(formats, i) == 1;
      values.add(PgCodec.decodeParameter(prepared.paramOids().get(i), binary, raw.get(i)));
    }
    portals.put(portalName, new Portal(prepared, Collections.unmodifiableList(values),
        List.copyOf(resultFormats)));
    out.empty('2');
  }

  private void describe(Payload p) throws IOException, ProtocolViolation {
    byte kind = p.int8();
    String name = p.cstring();
    if (kind == 'S') {
      Prepared prepared = statements.get(name);
      if (prepared == null) {
        throw new WireSqlException(SqlStates.INVALID_STATEMENT_NAME,
            "prepared statement \"" + name + "\" does not exist");
      }
      out.parameterDescription(prepared.paramOids().stream()
          .map(o -> o == 0 ? PgCodec.OID_TEXT : o).toList());
      describeRows(prepared, prepared.paramOids(), List.of());
    } else if (kind == 'P') {
      Portal portal = portals.get(name);
      if (portal == null) {
        throw new WireSqlException(SqlStates.INVALID_CURSOR_NAME,
            "portal \"" + name + "\" does not exist");
      }
      describeRows(portal.prepared, portal.prepared.paramOids(), portal.resultFormats);
    } else {
      throw new ProtocolViolation("invalid DESCRIBE message subtype " + kind);
    }
  }

  private void describeRows(Prepared prepared, List<Integer> oids, List<Short> formats)
      throws IOException {
    Optional<RecordedAnswer> recorded = prepared.parsed() == null ? Optional.empty()
        : server.recorded().flatMap(r -> r.answer(session.virtualCluster, prepared.parsed(), true));
    Optional<List<Column>> columns = prepared.parsed() == null
        ? Optional.empty()
        : recorded.isPresent() ? Optional.of(recorded.get().toResult().columns())
        : engine.describe(prepared.parsed(), oids);
    if (columns.isPresent()) {
      checkFormats(columns.get(), formats);
      out.rowDescription(columns.get(), formats);
    } else {
      out.empty('n');
    }
  }

  private static void checkFormats(List<Column> columns, List<Short> formats) {
    if (formats.size() > 1 && formats.size() != columns.size()) {
      throw new WireSqlException(SqlStates.PROTOCOL_VIOLATION, "expected " + columns.size()
          + " result formats, got " + formats.size());
    }
  }

  private void execute(Payload p) throws IOException, ProtocolViolation {
    String name = p.cstring();
    int maxRows = p.int32();
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new WireSqlException(SqlStates.INVALID_CURSOR_NAME,
          "portal \"" + name + "\" does not exist");
    }
    if (portal.prepared.parsed() == null) {
      out.empty('I');
      return;
    }
    if (portal.result == null) {
      portal.result = run(portal.prepared.parsed(), portal.params, portal.prepared.paramOids());
    }
    if (portal.result instanceof StatementResult.Rows rows) {
      checkFormats(rows.columns(), portal.resultFormats);
      int end = maxRows > 0 ? Math.min(rows.rows().size(), portal.cursor + maxRows)
          : rows.rows().size();
      int sent = 0;
      for (; portal.cursor < end; portal.cursor++, sent++) {
        out.dataRow(rows.columns(), rows.rows().get(portal.cursor), portal.resultFormats);
      }
      if (portal.cursor < rows.rows().size()) {
        out.empty('s');
      } else {
        out.commandComplete("SELECT " + sent);
      }
    } else {
      out.commandComplete(((StatementResult.Command) portal.result).tag());
    }
  }

  private void close(Payload p) throws IOException, ProtocolViolation {
    byte kind = p.int8();
    String name = p.cstring();
    if (kind == 'S') {
      statements.remove(name);
    } else if (kind == 'P') {
      portals.remove(name);
    } else {
      throw new ProtocolViolation("invalid CLOSE message subtype " + kind);
    }
    out.empty('3');
  }
}
