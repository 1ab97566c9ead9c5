package io.github.pcrupgrade.jdbc.journal;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.jdbc.Postgres;
import io.github.pcrupgrade.testkit.journal.UpgradeJournalContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The journal contract against a real PostgreSQL, where time is the database's and really passes. */
class JdbcUpgradeJournalContractTest extends UpgradeJournalContract {

  /** How much longer than the wait itself the database's clock may take to get there. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static HikariDataSource pool;
  private static JdbcUpgradeJournal journal;

  @BeforeAll
  static void startDatabase() {
    pool = Postgres.newPool(8);
    journal = JdbcUpgradeJournal.builder(pool).tablePrefix("contract_").build();
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected UpgradeJournal journal() {
    return journal;
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(400);
  }

  /**
   * Waits until the database's clock, which judges lease expiry, has moved {@code duration} past
   * its reading now: a condition on that clock with a generous deadline, however busy the machine.
   */
  @Override
  protected void letTimePass(Duration duration) throws InterruptedException {
    Instant until = databaseNow().plus(duration);
    long deadline = System.nanoTime() + duration.plus(PATIENCE).toNanos();
    while (databaseNow().isBefore(until)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the database's clock did not reach " + until + " within "
            + duration.plus(PATIENCE));
      }
      Thread.sleep(10);
    }
  }

  private static Instant databaseNow() {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT now()")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the database's clock", e);
    }
  }
}
