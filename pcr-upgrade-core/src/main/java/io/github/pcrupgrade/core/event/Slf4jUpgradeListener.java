package io.github.pcrupgrade.core.event;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every event through SLF4J (logger {@code io.github.pcrupgrade.upgrade}), one line each,
 * with the cluster (or deployment) in front, in the style {@code "{} - ..."}. Step progress and
 * waits at INFO, halts at ERROR, pauses at WARN. Run-level lines (halted, cancelled, completed)
 * name the deployment their run started on. Thread-safe.
 */
public final class Slf4jUpgradeListener implements UpgradeListener {

  private final Logger log;
  private final Map<String, String> deployments = new ConcurrentHashMap<>();

  /** Logs to the logger {@code io.github.pcrupgrade.upgrade}. */
  public Slf4jUpgradeListener() {
    this(LoggerFactory.getLogger("io.github.pcrupgrade.upgrade"));
  }

  /**
   * Logs to {@code logger}, for hosts that route the library's lines to a logger of their own.
   *
   * @param logger where every line goes
   */
  public Slf4jUpgradeListener(Logger logger) {
    this.log = Objects.requireNonNull(logger, "logger");
  }

  @Override
  public void onEvent(UpgradeEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof UpgradeEvent.RunStarted e) {
      deployments.put(e.runId(), e.deploymentId());
      log.info("{} - run {} started: {} ({} steps)", e.deploymentId(), e.runId(), e.summary(),
          e.progress().total());
    } else if (event instanceof UpgradeEvent.StepStarted e) {
      log.info("{} - [{}] {}", e.step().cluster(), e.progress(), e.step().description());
    } else if (event instanceof UpgradeEvent.StepAlreadyDone e) {
      log.info("{} - [{}] already done: {}", e.step().cluster(), e.progress(),
          e.step().description());
    } else if (event instanceof UpgradeEvent.Waiting e) {
      log.info("{} - waiting {} for {} (timeout {})", e.step().cluster(), e.waitedSoFar(),
          e.awaiting(), e.timeout());
    } else if (event instanceof UpgradeEvent.StepDone e) {
      log.info("{} - [{}] done in {}: {}", e.step().cluster(), e.progress(), e.took(),
          e.step().description());
    } else if (event instanceof UpgradeEvent.ApprovalRequested e) {
      log.info("{} - approval requested: {}", e.step().cluster(), e.step().description());
    } else if (event instanceof UpgradeEvent.Paused e) {
      log.warn("{} - paused before '{}': {}", e.step().cluster(), e.step().description(),
          e.reason());
    } else if (event instanceof UpgradeEvent.Halted e) {
      log.error("{} - run {} halted ({}): {}", deployment(e), e.runId(), e.reason(),
          e.message());
    } else if (event instanceof UpgradeEvent.Cancelled e) {
      log.warn("{} - run {} cancelled at {}", deployment(e), e.runId(), e.progress());
    } else if (event instanceof UpgradeEvent.Completed e) {
      log.info("{} - run {} completed {} steps in {}", deployment(e), e.runId(),
          e.progress().total(), e.took());
    }
  }

  /** The deployment of a run that ended (forgotten afterwards), or the run id if never seen. */
  private String deployment(UpgradeEvent ended) {
    String d = deployments.remove(ended.runId());
    return d == null ? ended.runId() : d;
  }
}
