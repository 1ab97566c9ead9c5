package io.github.pcrupgrade.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code pcr-upgrade} command in its own JVM, as an operator runs it: real signals, real
 * logging, real exit codes. Started through {@code env --default-signal=INT} so that SIGINT is
 * not inherited ignored (a JVM started from a non-interactive background job would ignore it,
 * and the test must not depend on how CI starts Maven). Waits are for output or exit, each with a
 * generous deadline, never a fixed sleep.
 */
final class CliProcess implements AutoCloseable {

  static final Duration DEADLINE = Duration.ofSeconds(90);

  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final Object changed = new Object();

  private CliProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), out, "out");
    pump(process.getErrorStream(), err, "err");
  }

  /** Starts {@code pcr-upgrade args...} with {@code env} added to this process's environment. */
  static CliProcess start(Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",
        ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    return new CliProcess(pb.start());
  }

  private void pump(InputStream in, StringBuffer into, String name) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[4096];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          synchronized (changed) {
            changed.notifyAll();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "cli-process-" + name);
    t.setDaemon(true);
    t.start();
  }

  /** Waits until standard output and error together satisfy {@code condition}. */
  void awaitOutput(String what, Predicate<String> condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    synchronized (changed) {
      while (!condition.test(out + "\n" + err)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && !condition.test(out + "\n" + err)) {
          if (!process.isAlive()) {
            // give the pumps a last chance to deliver what the process wrote before it ended
            changed.wait(200);
            if (condition.test(out + "\n" + err)) {
              return;
            }
          }
          throw new AssertionError("no " + what + " within " + DEADLINE.toSeconds() + " s"
              + (process.isAlive() ? "" : " (the process ended with " + process.exitValue() + ")")
              + "; stdout:\n" + out + "\nstderr:\n" + err);
        }
        changed.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
      }
    }
  }

  /** Writes {@code text} to the process's standard input (which stays open). */
  void input(String text) throws IOException {
    process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the process did not end within " + DEADLINE.toSeconds()
          + " s; stdout:\n" + out + "\nstderr:\n" + err);
    }
    // the pumps end at end of stream
    awaitOutput("end of output", s -> true);
    return process.exitValue();
  }

  /** Sends {@code signal} ("TERM", "INT") to the JVM (env replaced itself with it). */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
        .inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -s " + signal + " failed");
    }
  }

  /** Kills the JVM at once, as a crash or {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  long pid() {
    return process.pid();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
