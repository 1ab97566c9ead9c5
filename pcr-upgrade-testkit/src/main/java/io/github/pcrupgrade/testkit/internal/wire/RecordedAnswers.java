package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.ParsedStatement;
import java.util.Map;
import java.util.Optional;

/**
 * Recorded answers that a {@link WireServer} serves instead of evaluating statements: the replay
 * mode of the wire front (a capture of a real cluster served to the JDBC adapters). Given with
 * {@link WireServer.Builder#recordedAnswers(RecordedAnswers)}; without it the front evaluates
 * every statement.
 *
 * <p><b>Contract.</b> Called from one thread per connection, so implementations must be
 * thread-safe. {@link #answer} is called for every statement after the front parsed it, before
 * the front's own evaluation: a present answer is sent as is (its columns, types and rows); an
 * empty one lets the front's session layer answer (session variables, transaction control);
 * a {@link WireSqlException} is sent to the client as the statement's error (a recorded error, or
 * a statement the recording does not hold).
 */
public interface RecordedAnswers {

  /**
   * ParameterStatus values sent at startup after the front's own, so that a recorded value
   * replaces the front's ({@code application_name} is always the client's own). Constant.
   */
  Map<String, String> parameterStatus();

  /**
   * The recorded answer to {@code statement} on {@code virtualCluster}.
   *
   * @param describeOnly true when the client only describes the statement (its columns are
   *     needed, the statement is not executed): the answer must not be consumed
   * @return the rows to send, or empty when the front's session layer should answer
   * @throws WireSqlException the recorded error, or the refusal of a statement not recorded
   */
  Optional<RecordedAnswer> answer(String virtualCluster, ParsedStatement statement,
      boolean describeOnly);
}
