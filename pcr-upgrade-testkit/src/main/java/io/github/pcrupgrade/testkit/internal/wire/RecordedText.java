package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded value: sent in text format exactly as recorded ({@link #toString()}, which {@link
 * PgCodec#text} uses); parsed as its column's type only when a client asks for binary format.
 */
final class RecordedText {

  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();
  private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder()
      .append(TIMESTAMP).appendPattern("[XXX][XX][X]").toFormatter();
  private static final Pattern INTERVAL =
      Pattern.compile("(-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");

  private final String text;

  RecordedText(String text) {
    this.text = Objects.requireNonNull(text, "text");
  }

  /** The value as {@link PgCodec#binary} expects it for {@code type}. */
  Object typed(SqlType type) {
    try {
      return switch (type) {
        case INT8 -> Long.parseLong(text.trim());
        case BOOL -> PgCodec.parseBool(text);
        case FLOAT8 -> Double.parseDouble(text.trim());
        case DECIMAL -> new BigDecimal(text.trim());
        case STRING -> text;
        case UUID -> UUID.fromString(text.trim());
        case TIMESTAMP -> LocalDateTime.parse(text.trim(), TIMESTAMP);
        case TIMESTAMPTZ -> OffsetDateTime.parse(text.trim(), TIMESTAMPTZ).toInstant();
        case INTERVAL -> interval(text.trim());
        case JSONB -> throw notBinary(type);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw notBinary(type);
    }
  }

  private Duration interval(String s) {
    Matcher m = INTERVAL.matcher(s);
    if (!m.matches()) {
      throw notBinary(SqlType.INTERVAL);
    }
    String frac = m.group(5) == null ? "" : m.group(5);
    Duration d = Duration.ofHours(Long.parseLong(m.group(2)))
        .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)))
        .plusNanos(frac.isEmpty() ? 0 : Long.parseLong((frac + "000000000").substring(0, 9)));
    return m.group(1) != null ? d.negated() : d;
  }

  private WireSqlException notBinary(SqlType type) {
    return new WireSqlException(SqlStates.FEATURE_NOT_SUPPORTED, "the recorded "
        + type.sqlName() + " value '" + text + "' cannot be sent in binary format by the"
        + " replay; ask for text format");
  }

  @Override
  public String toString() {
    return text;
  }
}
