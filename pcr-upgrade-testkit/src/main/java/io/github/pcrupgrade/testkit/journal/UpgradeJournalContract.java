package io.github.pcrupgrade.testkit.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link UpgradeJournal} must have, as tests. Extend it, return the journal
 * under test from {@link #journal()} and say how time passes on the journal's clock in {@link
 * #letTimePass(Duration)}. Every test uses its own deployment id, so a journal may keep its storage
 * between tests.
 */
public abstract class UpgradeJournalContract {

  /** A lease long enough never to run out during a test. */
  protected static final Duration LONG_TTL = Duration.ofMinutes(10);

  /** A deployment id unique to the running test. */
  protected String deployment;

  /** For a subclass that supplies the journal under test. */
  protected UpgradeJournalContract() {}

  /**
   * The journal under test; called at the start of each test, may return a shared instance.
   *
   * @return the journal, whose clock {@link #letTimePass} moves
   */
  protected abstract UpgradeJournal journal();

  /**
   * A lease short enough that a test can wait for it to expire; default 10 s.
   *
   * @return the time-to-live the expiry tests lease for, then let one and a half times pass;
   *     override it to shorten a journal on real time
   */
  protected Duration shortTtl() {
    return Duration.ofSeconds(10);
  }

  /**
   * Makes {@code duration} pass on the journal's clock (advance a virtual clock, or sleep).
   *
   * @param duration how much time must have passed, at least, when this returns
   * @throws InterruptedException if a sleeping implementation is interrupted
   */
  protected abstract void letTimePass(Duration duration) throws InterruptedException;

  @BeforeEach
  void newDeployment() {
    deployment = "dep-" + UUID.randomUUID();
  }

  // ------------------------------------------------------------------ history

  @Test
  void appendedRecordsReadBackInOrderWithIncreasingSequences() {
    UpgradeJournal journal = journal();
    List<JournalRecord> appended = new ArrayList<>();
    appended.add(journal.append(entry(JournalEvent.RUN_STARTED, "", "plan p1 to 24.3")));
    appended.add(journal.append(entry(JournalEvent.STEP_STARTED, "s1", "upgrade node 1")));
    appended.add(journal.append(entry(JournalEvent.STEP_DONE, "s1", "node 1 runs v24.3.0")));

    List<JournalRecord> history = journal.history(deployment);

    assertEquals(appended, history);
    for (int i = 1; i < history.size(); i++) {
      assertTrue(history.get(i).sequence() > history.get(i - 1).sequence(), "sequence increases");
      assertTrue(!history.get(i).at().isBefore(history.get(i - 1).at()), "time never goes back");
    }
  }

  @Test
  void historyOfAnUnknownDeploymentIsEmpty() {
    assertEquals(List.of(), journal().history(deployment));
  }

  @Test
  void deploymentsHaveSeparateHistories() {
    UpgradeJournal journal = journal();
    String other = deployment + "-other";
    journal.append(entry(JournalEvent.RUN_STARTED, "", "mine"));
    journal.append(new JournalEntry(other, "r", "p", "", JournalEvent.RUN_STARTED, "theirs"));

    assertEquals(List.of("mine"), details(journal.history(deployment)));
    assertEquals(List.of("theirs"), details(journal.history(other)));
  }

  @Test
  void everyFieldRoundTripsIncludingAwkwardCharacters() {
    UpgradeJournal journal = journal();
    JournalEntry awkward = new JournalEntry(deployment, "run\t1", "plan\\x", "",
        JournalEvent.RUN_HALTED, "line 1\nline 2\r\ttab, quote ' \" and üñíçødé ✓");

    JournalRecord stored = journal.append(awkward);

    assertEquals(awkward, stored.entry());
    assertEquals(List.of(stored), journal.history(deployment));
  }

  @Test
  void concurrentAppendersGetDistinctIncreasingSequences() throws Exception {
    UpgradeJournal journal = journal();
    int threads = 4;
    int perThread = 10;
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String run = "run-" + t;
      work.add(() -> {
        for (int i = 0; i < perThread; i++) {
          journal.append(new JournalEntry(deployment, run, "p", "s" + i, JournalEvent.STEP_DONE,
              run + "/" + i));
        }
        return null;
      });
    }
    for (Object outcome : runAtOnce(work)) {
      if (outcome instanceof Throwable t) {
        throw new AssertionError("an append failed", t);
      }
    }

    List<JournalRecord> history = journal.history(deployment);
    assertEquals(threads * perThread, history.size());
    for (int i = 1; i < history.size(); i++) {
      assertTrue(history.get(i).sequence() > history.get(i - 1).sequence(), "sequence increases");
    }
    for (int t = 0; t < threads; t++) {
      String run = "run-" + t;
      List<String> ofRun = history.stream().filter(r -> r.entry().runId().equals(run))
          .map(r -> r.entry().detail()).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        expected.add(run + "/" + i);
      }
      assertEquals(expected, ofRun, "each appender's records keep their order");
    }
  }

  // ------------------------------------------------------------------ lease

  @Test
  void aFreeLeaseIsAcquired() {
    Lease lease = journal().acquireLease(deployment, "exec-a", LONG_TTL);

    assertEquals(deployment, lease.deploymentId());
    assertEquals("exec-a", lease.holderId());
    assertTrue(lease.generation() >= 1, "generation is positive");
  }

  @Test
  void aLiveLeaseOfAnotherHolderIsRefusedNamingTheHolderAndExpiry() {
    UpgradeJournal journal = journal();
    Lease a = journal.acquireLease(deployment, "exec-a", LONG_TTL);

    PcrUpgradeException e = assertCode(CoreErrorCode.LEASE_HELD,
        () -> journal.acquireLease(deployment, "exec-b", LONG_TTL));

    assertTrue(e.getMessage().contains("exec-a"), e.getMessage());
    assertTrue(e.getMessage().contains(deployment), e.getMessage());
    assertTrue(e.getMessage().contains(a.expiresAt().toString().substring(0, 16)), e.getMessage());
  }

  @Test
  void acquiringOnesOwnLiveLeaseRenewsItWithTheSameGeneration() throws Exception {
    UpgradeJournal journal = journal();
    Lease first = journal.acquireLease(deployment, "exec-a", LONG_TTL);
    letTimePass(Duration.ofMillis(20));

    Lease again = journal.acquireLease(deployment, "exec-a", LONG_TTL);

    assertEquals(first.generation(), again.generation());
    assertTrue(again.expiresAt().isAfter(first.expiresAt()), "expiry moved forward");
  }

  @Test
  void renewingExtendsTheLeaseWithTheSameGeneration() throws Exception {
    UpgradeJournal journal = journal();
    Lease first = journal.acquireLease(deployment, "exec-a", LONG_TTL);
    letTimePass(Duration.ofMillis(20));

    Lease renewed = journal.renewLease(first, LONG_TTL);

    assertEquals(first.generation(), renewed.generation());
    assertEquals("exec-a", renewed.holderId());
    assertTrue(renewed.expiresAt().isAfter(first.expiresAt()), "expiry moved forward");
    assertEquals(renewed.generation(), journal.renewLease(renewed, LONG_TTL).generation());
  }

  @Test
  void anExpiredLeaseIsTakenOverWithAHigherGenerationAndTheOldHolderLosesIt()
      throws Exception {
    UpgradeJournal journal = journal();
    Lease a = journal.acquireLease(deployment, "exec-a", shortTtl());
    letTimePass(shortTtl().plus(shortTtl().dividedBy(2)));

    Lease b = journal.acquireLease(deployment, "exec-b", LONG_TTL);

    assertTrue(b.generation() > a.generation(), "generation grows with the new holder");
    assertCode(CoreErrorCode.LEASE_LOST, () -> journal.renewLease(a, LONG_TTL));
    assertCode(CoreErrorCode.LEASE_HELD, () -> journal.acquireLease(deployment, "exec-a",
        LONG_TTL));
  }

  @Test
  void anExpiredLeaseThatNobodyTookCannotBeRenewed() throws Exception {
    UpgradeJournal journal = journal();
    Lease a = journal.acquireLease(deployment, "exec-a", shortTtl());
    letTimePass(shortTtl().plus(shortTtl().dividedBy(2)));

    PcrUpgradeException e = assertCode(CoreErrorCode.LEASE_LOST,
        () -> journal.renewLease(a, LONG_TTL));
    assertTrue(e.getMessage().contains("exec-a"), e.getMessage());
  }

  @Test
  void reacquiringOnesOwnExpiredLeaseStartsANewGeneration() throws Exception {
    UpgradeJournal journal = journal();
    Lease a = journal.acquireLease(deployment, "exec-a", shortTtl());
    letTimePass(shortTtl().plus(shortTtl().dividedBy(2)));

    Lease again = journal.acquireLease(deployment, "exec-a", LONG_TTL);

    assertTrue(again.generation() > a.generation(), "an expired lease is a new tenure");
    assertCode(CoreErrorCode.LEASE_LOST, () -> journal.renewLease(a, LONG_TTL));
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndCannotBeRenewed() {
    UpgradeJournal journal = journal();
    Lease a = journal.acquireLease(deployment, "exec-a", LONG_TTL);

    journal.releaseLease(a);

    Lease b = journal.acquireLease(deployment, "exec-b", LONG_TTL);
    assertTrue(b.generation() > a.generation(), "generation grows with the new holder");
    assertCode(CoreErrorCode.LEASE_LOST, () -> journal.renewLease(a, LONG_TTL));
  }

  @Test
  void releasingALeaseThatIsNoLongerCurrentDoesNothing() throws Exception {
    UpgradeJournal journal = journal();
    Lease a = journal.acquireLease(deployment, "exec-a", shortTtl());
    letTimePass(shortTtl().plus(shortTtl().dividedBy(2)));
    Lease b = journal.acquireLease(deployment, "exec-b", LONG_TTL);

    journal.releaseLease(a);

    assertEquals(b.generation(), journal.renewLease(b, LONG_TTL).generation());
    assertCode(CoreErrorCode.LEASE_HELD, () -> journal.acquireLease(deployment, "exec-c",
        LONG_TTL));
  }

  @Test
  void releasingTwiceOrANeverHeldLeaseIsHarmless() {
    UpgradeJournal journal = journal();
    Lease a = journal.acquireLease(deployment, "exec-a", LONG_TTL);
    journal.releaseLease(a);
    journal.releaseLease(a);
    journal.releaseLease(new Lease(deployment + "-never", "exec-x", 7, a.expiresAt()));

    assertNotEquals(a.generation(),
        journal.acquireLease(deployment, "exec-a", LONG_TTL).generation());
  }

  @Test
  void renewingALeaseThatNeverExistedIsLost() {
    UpgradeJournal journal = journal();
    Lease ghost = new Lease(deployment, "exec-a", 1, java.time.Instant.now().plusSeconds(60));

    assertCode(CoreErrorCode.LEASE_LOST, () -> journal.renewLease(ghost, LONG_TTL));
  }

  @Test
  void executorsRacingForOneLeaseHaveExactlyOneWinner() throws Exception {
    UpgradeJournal journal = journal();
    int racers = 6;
    List<Callable<Lease>> work = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      String holder = "exec-" + i;
      work.add(() -> journal.acquireLease(deployment, holder, LONG_TTL));
    }

    List<Object> outcomes = runAtOnce(work);

    List<Lease> winners = outcomes.stream().filter(o -> o instanceof Lease).map(o -> (Lease) o)
        .toList();
    assertEquals(1, winners.size(), "exactly one winner: " + outcomes);
    for (Object o : outcomes) {
      if (o instanceof PcrUpgradeException e) {
        assertEquals(CoreErrorCode.LEASE_HELD, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(winners.get(0).holderId()), e.getMessage());
      } else if (!(o instanceof Lease)) {
        throw new AssertionError("unexpected outcome " + o);
      }
    }
  }

  @Test
  void aNonPositiveTtlIsRefused() {
    UpgradeJournal journal = journal();
    assertCode(CoreErrorCode.INVALID_ARGUMENT,
        () -> journal.acquireLease(deployment, "exec-a", Duration.ZERO));
    Lease a = journal.acquireLease(deployment, "exec-a", LONG_TTL);
    assertCode(CoreErrorCode.INVALID_ARGUMENT,
        () -> journal.renewLease(a, Duration.ofSeconds(-1)));
  }

  // ------------------------------------------------------------------ helpers

  /**
   * An entry for this test's deployment.
   *
   * @param event the journal event
   * @param stepId the step's id, empty for a run-level event
   * @param detail the entry's free text
   * @return an entry of run {@code run-1} and plan {@code plan-1} for {@link #deployment}
   */
  protected JournalEntry entry(JournalEvent event, String stepId, String detail) {
    return new JournalEntry(deployment, "run-1", "plan-1", stepId, event, detail);
  }

  /**
   * Asserts {@code call} throws a {@link PcrUpgradeException} with {@code code}.
   *
   * @param code the error code expected
   * @param call the call that must throw
   * @return the exception, for further assertions on its message
   */
  protected static PcrUpgradeException assertCode(CoreErrorCode code, Executable call) {
    PcrUpgradeException e = assertThrows(PcrUpgradeException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  private static List<String> details(List<JournalRecord> records) {
    return records.stream().map(r -> r.entry().detail()).toList();
  }

  /**
   * Runs every task at the same moment on its own thread; each outcome is its result or the
   * exception it threw.
   *
   * @param <T> the tasks' result type
   * @param tasks the tasks, released together once each has its thread
   * @return each task's outcome, in task order: its result, or the exception it threw
   * @throws Exception if waiting fails (a task still running after 60 s times out), or the
   *     {@link Error} a task threw (an assertion failure included)
   */
  protected static <T> List<Object> runAtOnce(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(f.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      for (Object o : outcomes) {
        if (o instanceof Error error) {
          throw error;
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
