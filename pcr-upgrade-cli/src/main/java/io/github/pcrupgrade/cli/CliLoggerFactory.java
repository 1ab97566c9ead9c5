package io.github.pcrupgrade.cli;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The command line's logging: quiet and one line per message. pcr-upgrade's own loggers print
 * INFO and above; every other library (HikariCP, the JDBC driver) prints WARN and above only.
 * A message is one line on standard error, its control characters escaped; an exception attached
 * to it adds its type and message to that line, and its stack trace only in verbose mode.
 */
final class CliLoggerFactory implements ILoggerFactory {

  private static final String OWN = "io.github.pcrupgrade";

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private volatile boolean verbose;
  /** While set, only errors are printed (the chaos command's thousands of runs log a lot). */
  private volatile boolean quiet;
  private volatile PrintStream sink = System.err;

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, CliLogger::new);
  }

  /** Stack traces of logged exceptions are printed only when {@code on}. */
  void quiet(boolean on) {
    this.quiet = on;
  }

  void verbose(boolean on) {
    this.verbose = on;
  }

  boolean verbose() {
    return verbose;
  }

  /** Where lines go (standard error by default). */
  void sink(PrintStream stream) {
    this.sink = stream;
  }

  static boolean enabled(String loggerName, Level level) {
    Level threshold = loggerName.startsWith(OWN) ? Level.INFO : Level.WARN;
    return level.toInt() >= threshold.toInt();
  }

  void print(String loggerName, Level level, String message, Throwable t) {
    if (!enabled(loggerName, level) || quiet && level != Level.ERROR) {
      return;
    }
    StringBuilder line = new StringBuilder("pcr-upgrade: ");
    if (level != Level.INFO) {
      line.append(level == Level.ERROR ? "error" : "warning").append(": ");
    }
    if (!loggerName.startsWith(OWN)) {
      line.append('[').append(shortName(loggerName)).append("] ");
    }
    line.append(SafeText.escape(message));
    if (t != null) {
      line.append(" (").append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        line.append(": ").append(SafeText.escape(t.getMessage()));
      }
      line.append(verbose ? ")" : "; --verbose prints the stack trace)");
    }
    PrintStream out = sink;
    synchronized (out) {
      out.println(line);
      if (t != null && verbose) {
        t.printStackTrace(out);
      }
      out.flush();
    }
  }

  private static String shortName(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /** One logger: formats the message and hands it to the factory. */
  private final class CliLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CliLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
        Object[] arguments, Throwable throwable) {
      print(name, level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
  }
}
