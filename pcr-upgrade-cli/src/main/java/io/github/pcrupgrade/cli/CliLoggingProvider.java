package io.github.pcrupgrade.cli;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the {@code pcr-upgrade} command (found through {@code ServiceLoader}; the
 * library jars bind none). See {@link CliLoggerFactory} for what it prints.
 */
public final class CliLoggingProvider implements SLF4JServiceProvider {

  private final CliLoggerFactory factory = new CliLoggerFactory();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up
  }

  /**
   * Sets the process's logging up for the command line: stack traces only when {@code verbose},
   * and java.util.logging (the JDBC driver's) routed through the same one-line format at WARNING
   * and above. Called once by {@link Main#main}.
   */
  static void configure(boolean verbose) {
    if (LoggerFactory.getILoggerFactory() instanceof CliLoggerFactory f) {
      f.verbose(verbose);
      java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
      for (Handler h : root.getHandlers()) {
        root.removeHandler(h);
      }
      root.setLevel(java.util.logging.Level.WARNING);
      root.addHandler(new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()) {
            return;
          }
          String message = r.getMessage();
          if (r.getParameters() != null && message != null) {
            try {
              message = java.text.MessageFormat.format(message, r.getParameters());
            } catch (IllegalArgumentException e) {
              // keep the pattern as it is
            }
          }
          f.print(r.getLoggerName() == null ? "jul" : r.getLoggerName(),
              r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                  ? Level.ERROR : Level.WARN, String.valueOf(message), r.getThrown());
        }

        @Override
        public void flush() {
          // lines are flushed as they are printed
        }

        @Override
        public void close() {
          // the sink is standard error, never closed here
        }
      });
    }
  }
}
