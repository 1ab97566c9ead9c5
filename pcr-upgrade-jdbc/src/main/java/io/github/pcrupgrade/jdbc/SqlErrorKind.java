package io.github.pcrupgrade.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

/**
 * A SQLSTATE decoded once into what it means for the adapters. Only this class reads SQLSTATEs.
 */
public enum SqlErrorKind {
  /**
   * {@code 40001}, {@code 40003}, {@code 40P01}: a serialization conflict or deadlock victim;
   * CockroachDB raises 40001 routinely under contention. The statement may be run again.
   */
  RETRYABLE,
  /** {@code 08xxx}, {@code 57P01}: the connection failed or was lost; idempotent reads may retry. */
  CONNECTION,
  /**
   * {@code 08000} with {@code service unavailable for target tenant (<vc>)}: the VC named in the
   * connection does not exist or does not serve SQL (crdb-pcr-sql-facts.md 9.5). Not retried: an
   * inspection must not wait for a VC that is not there.
   */
  VIRTUAL_CLUSTER_UNAVAILABLE,
  /** {@code 28xxx}: authentication failed; retrying does not help. */
  AUTHENTICATION,
  /** {@code 42501}: insufficient privilege. */
  PERMISSION,
  /** {@code 42704}, {@code 42P01}, {@code 42883}, {@code 42P02}: an undefined object. */
  UNDEFINED_OBJECT,
  /** {@code 0A000}: the feature is not supported by this server. */
  FEATURE_NOT_SUPPORTED,
  /**
   * {@code 23505}: a unique constraint refused a row; worth retrying only where the statement
   * computes its key afresh (the journal's next sequence number).
   */
  UNIQUE_VIOLATION,
  /** {@code 42P07}, {@code 42P06}: a table or schema already exists (racing DDL). */
  ALREADY_EXISTS,
  /**
   * {@code XXC02}: an unlicensed cluster (no licence, an expired one, or its telemetry requirement
   * unmet past the grace period) refuses transactions beyond 5 open at once ({@code No license
   * installed. The maximum number of concurrently open transactions has been reached.},
   * {@code License expired on <t>. ...}; crdb-pcr-sql-facts 11.3). Not transient: waiting does not
   * install a licence.
   */
  LICENSE_THROTTLED,
  /** Anything else, including CockroachDB's uncategorised {@code XXUUU}. */
  OTHER;

  /**
   * The first meaningful kind found on {@code e}, the exceptions chained to it with
   * {@link SQLException#getNextException()}, or its causes; {@link #OTHER} when none is known.
   * The routing error ({@code 08000} with {@code service unavailable for target tenant}) anywhere
   * in the chain wins over every other kind.
   *
   * @param e what the driver threw
   * @return the kind the adapters act on
   */
  public static SqlErrorKind of(SQLException e) {
    Objects.requireNonNull(e, "e");
    for (SQLException s : chain(e)) {
      if ("08000".equals(s.getSQLState()) && s.getMessage() != null
          && s.getMessage().contains(ROUTING_ERROR)) {
        return VIRTUAL_CLUSTER_UNAVAILABLE;
      }
    }
    int guard = 0;
    for (Throwable t = e; t != null && guard < 32; guard++) {
      if (t instanceof SQLException sql) {
        SqlErrorKind k = ofState(sql.getSQLState());
        if (k == OTHER && sql.getNextException() != null) {
          k = ofState(sql.getNextException().getSQLState());
        }
        if (k != OTHER) {
          return k;
        }
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return OTHER;
  }

  private static final String ROUTING_ERROR = "service unavailable for target tenant";

  /**
   * {@code e}, its causes and the exceptions chained with {@link SQLException#getNextException()},
   * outermost first (bounded, cycles cut).
   *
   * @param e what the driver threw
   * @return {@code e} first, then the others breadth-first; at most 32, each once
   */
  public static java.util.List<SQLException> chain(SQLException e) {
    Objects.requireNonNull(e, "e");
    java.util.List<SQLException> out = new java.util.ArrayList<>();
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty() && out.size() < 32) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException s) {
        out.add(s);
        if (s.getNextException() != null) {
          todo.add(s.getNextException());
        }
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return out;
  }

  /**
   * Decodes a SQLSTATE; null or blank is OTHER.
   *
   * @param state a SQLSTATE, in either case
   * @return its kind as each constant lists it; {@link #OTHER} for anything not five characters
   *     long or not listed (and never {@link #VIRTUAL_CLUSTER_UNAVAILABLE}, which needs the
   *     message: see {@link #of})
   */
  public static SqlErrorKind ofState(String state) {
    if (state == null || state.length() != 5) {
      return OTHER;
    }
    String s = state.toUpperCase(Locale.ROOT);
    if (s.equals("40001") || s.equals("40003") || s.equals("40P01")) {
      return RETRYABLE;
    }
    if (s.equals("23505")) {
      return UNIQUE_VIOLATION;
    }
    if (s.equals("42P07") || s.equals("42P06")) {
      return ALREADY_EXISTS;
    }
    if (s.startsWith("08") || s.equals("57P01")) {
      return CONNECTION;
    }
    if (s.startsWith("28")) {
      return AUTHENTICATION;
    }
    if (s.equals("42501")) {
      return PERMISSION;
    }
    if (s.equals("42704") || s.equals("42P01") || s.equals("42883") || s.equals("42P02")) {
      return UNDEFINED_OBJECT;
    }
    if (s.equals("0A000")) {
      return FEATURE_NOT_SUPPORTED;
    }
    if (s.equals("XXC02")) {
      return LICENSE_THROTTLED;
    }
    return OTHER;
  }

  /**
   * Whether {@code e} (or an exception chained to it) says that an open session was lost: {@code
   * 08003} (the connection does not exist any more), {@code 08006} (it failed: a socket the server
   * closed) or {@code 57P01} (the server ended the session as it shut down). A node restart closes
   * every session on the node (crdb-pcr-sql-facts 10.2), so a pooled connection to it fails this
   * way on its next statement. Not a refused or failed connect ({@code 08001}, {@code 08004}) nor a
   * routing refusal ({@code 08000}): those say nothing about the sessions already open.
   *
   * @param e the failure of a statement
   * @return true when it, or an exception chained to it, carries one of those three states
   */
  public static boolean isLostConnection(SQLException e) {
    for (SQLException s : chain(e)) {
      String state = s.getSQLState();
      if ("08003".equals(state) || "08006".equals(state) || "57P01".equals(state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an idempotent read may retry an error of this kind.
   *
   * @return true for {@link #RETRYABLE} and {@link #CONNECTION}
   */
  public boolean isTransient() {
    return this == RETRYABLE || this == CONNECTION;
  }

  /**
   * The SQLSTATE of {@code e} or of its first cause or next exception that carries one.
   *
   * @param e any throwable; its chain of causes is walked
   * @return the first SQLSTATE found, or null when none carries one
   */
  public static String sqlState(Throwable e) {
    Objects.requireNonNull(e, "e");
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        if (s.getSQLState() != null) {
          return s.getSQLState();
        }
        SQLException next = s.getNextException();
        if (next != null && next.getSQLState() != null) {
          return next.getSQLState();
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
