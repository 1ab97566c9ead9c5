package io.github.pcrupgrade.testkit.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Watches, while one statement runs, whether its client is still there, as the product notices a
 * closed connection and cancels the statement's context. After a short grace (statements that end
 * sooner are never probed) it peeks at the connection's input without consuming it (mark, read until
 * a short timeout, reset): end of stream or an I/O error means the client went away, and {@code
 * onGone} runs once (the connection interrupts its worker, so a blocking backend call ends).
 *
 * <p>The connection's thread does not read while its statement runs, so the input is the watch's
 * alone until {@link #stop()} returns.
 */
final class ClientWatch implements Runnable {

  /** Statements shorter than this are never probed. */
  private static final long GRACE_MILLIS = 20;
  /** How long one probe waits for input before concluding the client is idle but there. */
  private static final int PROBE_MILLIS = 50;
  /** The most bytes a probe looks ahead (a client sends nothing, or a Sync, while it waits). */
  private static final int LOOK_AHEAD = 1 << 16;

  private final Socket socket;
  private final InputStream in;
  private final Runnable onGone;
  private final Object lock = new Object();
  private boolean stopped;
  private boolean running;

  private ClientWatch(Socket socket, InputStream in, Runnable onGone) {
    this.socket = socket;
    this.in = in;
    this.onGone = onGone;
  }

  /**
   * Starts watching on {@code executor}; {@code in} must support mark and reset. If the executor
   * refuses the task, nothing is watched.
   */
  static ClientWatch start(Executor executor, Socket socket, InputStream in, Runnable onGone) {
    ClientWatch w = new ClientWatch(socket, in, onGone);
    synchronized (w.lock) {
      w.running = true;
    }
    try {
      executor.execute(w);
    } catch (RejectedExecutionException e) {
      synchronized (w.lock) {
        w.running = false;
      }
    }
    return w;
  }

  /** Stops watching and waits until the watch no longer touches the input. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
      while (running) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          // keep waiting: the input must be ours again before the connection reads it
          Thread.interrupted();
        }
      }
    }
  }

  @Override
  public void run() {
    try {
      synchronized (lock) {
        long end = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        long left;
        while (!stopped && (left = end - System.nanoTime()) > 0) {
          lock.wait(Math.max(1, left / 1_000_000));
        }
      }
      while (true) {
        synchronized (lock) {
          if (stopped) {
            return;
          }
        }
        if (gone()) {
          onGone.run();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (lock) {
        running = false;
        lock.notifyAll();
      }
    }
  }

  private boolean gone() {
    try {
      socket.setSoTimeout(PROBE_MILLIS);
      in.mark(LOOK_AHEAD);
      try {
        for (int n = 0; n < LOOK_AHEAD - 1; n++) {
          if (in.read() < 0) {
            return true;
          }
        }
        return false;
      } catch (SocketTimeoutException idle) {
        return false;
      } finally {
        in.reset();
        socket.setSoTimeout(0);
      }
    } catch (IOException e) {
      return true;
    }
  }
}
