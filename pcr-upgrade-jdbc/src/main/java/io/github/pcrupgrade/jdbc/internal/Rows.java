package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.util.PGInterval;

/** Reads columns by name, tolerating the product's renames and extra columns. */
final class Rows {

  private Rows() {}

  /** The index of the first of {@code names} the result has, or -1. */
  static int column(ResultSet rs, String... names) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    for (String name : names) {
      for (int i = 1; i <= md.getColumnCount(); i++) {
        if (md.getColumnLabel(i).toLowerCase(Locale.ROOT).equals(name)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The index of a required column. */
  static int required(ResultSet rs, String cluster, String what, String... names)
      throws SQLException {
    int i = column(rs, names);
    if (i < 0) {
      throw new CockroachSqlException(JdbcErrorCode.UNEXPECTED_RESPONSE, SqlErrorKind.OTHER, null,
          cluster, null,
          "cluster '" + cluster + "': " + what + " has no column " + String.join(" or ", names)
              + "; this server's output is not one pcr-upgrade knows", null);
    }
    return i;
  }

  static Optional<Instant> instant(ResultSet rs, int col) throws SQLException {
    if (col < 0) {
      return Optional.empty();
    }
    Timestamp t = rs.getTimestamp(col);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  static Optional<Duration> interval(ResultSet rs, int col) throws SQLException {
    if (col < 0) {
      return Optional.empty();
    }
    String text = rs.getString(col);
    if (text == null) {
      return Optional.empty();
    }
    PGInterval iv = new PGInterval(text);
    long micros = Math.round(iv.getSeconds() * 1_000_000d);
    Duration d = Duration.ofDays((long) iv.getYears() * 365 + (long) iv.getMonths() * 30
            + iv.getDays())
        .plusHours(iv.getHours()).plusMinutes(iv.getMinutes()).plus(Duration.ofNanos(micros * 1000));
    return Optional.of(d);
  }
}
