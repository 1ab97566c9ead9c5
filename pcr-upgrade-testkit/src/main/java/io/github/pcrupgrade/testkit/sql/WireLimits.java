package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits that keep one endpoint of the wire front serving under abuse (a flood of connections,
 * messages that declare a large length and never send it, clients that trickle bytes). Immutable;
 * change one limit with its {@code with...} method, which validates it.
 *
 * <p><b>Memory bound.</b> A message's declared length is never allocated before its bytes arrive:
 * its buffer starts at 8 KiB (or the declared length, if smaller) and doubles as bytes come. So
 * the message buffers of all connections together never exceed {@code 2 x maxConnections x
 * maxMessageSize} (the factor 2 is the moment a buffer is copied into a larger one; a connection
 * that declares a length and sends little holds 8 KiB); a connection also holds fixed stream
 * buffers (under 80 KiB) and a thread. {@link
 * SimulatedPcrServer#nodeStats(String, int)} reports the bytes held in message buffers.
 *
 * @param maxConnections the most connections served at once, counting those still in startup; one
 *     more is refused with FATAL {@code 53300 sorry, too many clients already} and closed, as
 *     PostgreSQL and CockroachDB refuse one. 1 to 100,000; default {@value #DEFAULT_MAX_CONNECTIONS}
 * @param maxMessageSize the largest client message in bytes, its length word included; a larger
 *     declared length is a protocol violation: FATAL {@code 08P01 invalid message length <n>}, then
 *     the connection is closed. 1 KiB to 1 GiB; default 1 MiB. (The startup packet has PostgreSQL's
 *     own bound, 10,000 bytes.)
 * @param startupTimeout how long a new connection may take from being accepted to being ready for
 *     queries (startup packet, SSL negotiation, authentication); past it the connection is closed
 *     without a message, as PostgreSQL's {@code authentication_timeout}. 10 ms to 1 day; default 60
 *     s (PostgreSQL's default)
 * @param idleTimeout how long a session ready for queries may go without sending one complete
 *     message (a client trickling a message byte by byte is idle); past it the session gets FATAL
 *     {@code 57P05 terminating connection due to idle-session timeout}, as PostgreSQL's {@code
 *     idle_session_timeout}, and is closed. Never while a statement runs. {@link Duration#ZERO}
 *     (the default, as in PostgreSQL and CockroachDB) for none, else 10 ms to 1 day
 */
public record WireLimits(int maxConnections, int maxMessageSize, Duration startupTimeout,
    Duration idleTimeout) {

  /** The default {@link #maxConnections()}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  /** The default {@link #maxMessageSize()}, 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 20;
  /** The default {@link #startupTimeout()}, 60 s. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration SHORTEST = Duration.ofMillis(10);
  private static final Duration LONGEST = Duration.ofDays(1);

  /**
   * Validates every limit.
   *
   * @param maxConnections the most connections served at once, 1 to 100,000
   * @param maxMessageSize the largest client message in bytes, 1 KiB to 1 GiB
   * @param startupTimeout how long a connection may take to become ready, 10 ms to 1 day
   * @param idleTimeout how long a ready session may stay idle, zero for none or 10 ms to 1 day
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the limit and its allowed range
   *     (a null timeout included)
   */
  public WireLimits {
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxConnections < 1 || maxConnections > 100_000) {
      throw invalid("maxConnections must be between 1 and 100000, got " + maxConnections);
    }
    if (maxMessageSize < 1024 || maxMessageSize > (1 << 30)) {
      throw invalid("maxMessageSize must be between 1024 bytes and 1 GiB, got " + maxMessageSize);
    }
    if (startupTimeout == null || startupTimeout.compareTo(SHORTEST) < 0
        || startupTimeout.compareTo(LONGEST) > 0) {
      throw invalid("startupTimeout must be between 10 ms and 1 day, got " + startupTimeout);
    }
    if (idleTimeout == null || idleTimeout.isNegative()
        || (!idleTimeout.isZero() && idleTimeout.compareTo(SHORTEST) < 0)
        || idleTimeout.compareTo(LONGEST) > 0) {
      throw invalid("idleTimeout must be 0 (none) or between 10 ms and 1 day, got " + idleTimeout);
    }
  }

  /**
   * The defaults: 64 connections, 1 MiB messages, 60 s to start up, no idle timeout.
   *
   * @return the default limits
   */
  public static WireLimits defaults() {
    return new WireLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MESSAGE_SIZE,
        DEFAULT_STARTUP_TIMEOUT, Duration.ZERO);
  }

  /**
   * These limits with {@code n} as {@link #maxConnections()}.
   *
   * @param n the most connections served at once, 1 to 100,000
   * @return a copy with that limit
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code n} is out of range
   */
  public WireLimits withMaxConnections(int n) {
    return new WireLimits(n, maxMessageSize, startupTimeout, idleTimeout);
  }

  /**
   * These limits with {@code bytes} as {@link #maxMessageSize()}.
   *
   * @param bytes the largest client message, 1 KiB to 1 GiB
   * @return a copy with that limit
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code bytes} is out of range
   */
  public WireLimits withMaxMessageSize(int bytes) {
    return new WireLimits(maxConnections, bytes, startupTimeout, idleTimeout);
  }

  /**
   * These limits with {@code timeout} as {@link #startupTimeout()}.
   *
   * @param timeout how long a new connection may take to become ready, 10 ms to 1 day
   * @return a copy with that limit
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code timeout} is null or out of range
   */
  public WireLimits withStartupTimeout(Duration timeout) {
    return new WireLimits(maxConnections, maxMessageSize, timeout, idleTimeout);
  }

  /**
   * These limits with {@code timeout} as {@link #idleTimeout()} ({@code ZERO}: none).
   *
   * @param timeout how long a ready session may stay idle; zero for none, else 10 ms to 1 day
   * @return a copy with that limit
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code timeout} is null or out of range
   */
  public WireLimits withIdleTimeout(Duration timeout) {
    return new WireLimits(maxConnections, maxMessageSize, startupTimeout, timeout);
  }

  /**
   * The most bytes all connections' message buffers may hold together (the bound above).
   *
   * @return {@code 2 x maxConnections x maxMessageSize}
   */
  public long messageBufferBound() {
    return 2L * maxConnections * maxMessageSize;
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
        Objects.requireNonNull(message));
  }
}
