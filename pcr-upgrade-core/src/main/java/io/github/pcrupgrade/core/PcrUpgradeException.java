package io.github.pcrupgrade.core;

import java.util.Objects;

/**
 * The one unchecked exception root of pcr-upgrade. Every error the library raises is this type or a
 * subtype, carries an {@link ErrorCode}, and has a message that says what was wrong and what to do.
 * Credentials never appear in the message. Technical exceptions (for example {@code SQLException})
 * stay attached as the cause and never cross the adapter boundary as themselves.
 */
public class PcrUpgradeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;

  public PcrUpgradeException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public PcrUpgradeException(ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The typed code of this error. */
  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code.name() + "]: " + getMessage();
  }
}
