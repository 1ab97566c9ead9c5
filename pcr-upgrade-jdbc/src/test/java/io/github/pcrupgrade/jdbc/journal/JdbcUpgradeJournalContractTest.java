package io.github.pcrupgrade.jdbc.journal;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.jdbc.Postgres;
import io.github.pcrupgrade.testkit.journal.UpgradeJournalContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The journal contract against a real PostgreSQL, where time is the database's and really passes. */
class JdbcUpgradeJournalContractTest extends UpgradeJournalContract {

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

  @Override
  protected void letTimePass(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }
}
