package io.github.pcrupgrade.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a stop request for as long as it is open, instead of the JVM's
 * default (run the shutdown hooks and exit 143 or 130 at once, whatever the run was doing). On
 * close the previous handlers are put back.
 *
 * <p>A process that inherited SIGINT ignored (a background job of a non-interactive shell) keeps
 * ignoring it: the JVM does not install a handler for an ignored signal, and neither does this
 * class. Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}), the JDK's only way to
 * handle a signal without starting the shutdown.
 */
final class StopSignals implements AutoCloseable {

  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final List<Signal> installed = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals(Consumer<String> onSignal) {
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      try {
        SignalHandler before = Signal.handle(signal, s -> onSignal.accept("SIG" + s.getName()));
        if (before == SignalHandler.SIG_IGN) {
          Signal.handle(signal, SignalHandler.SIG_IGN); // it was ignored: keep it so
          continue;
        }
        installed.add(signal);
        previous.add(before);
      } catch (IllegalArgumentException e) {
        // The JVM reserves the signal (-Xrs, or an unusual platform): keep its default.
      }
    }
  }

  /** Handles SIGTERM and SIGINT with {@code onSignal} (given "SIGTERM" or "SIGINT") until closed. */
  static StopSignals install(Consumer<String> onSignal) {
    return new StopSignals(onSignal);
  }

  @Override
  public void close() {
    for (int i = 0; i < installed.size(); i++) {
      try {
        Signal.handle(installed.get(i), previous.get(i));
      } catch (IllegalArgumentException e) {
        // nothing to restore
      }
    }
  }
}
