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

  /**
   * An error without a cause.
   *
   * @param code the typed code tools match on
   * @param message what was wrong and what to do; never credentials
   */
  public PcrUpgradeException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * An error caused by another exception, which stays attached.
   *
   * @param code the typed code tools match on
   * @param message what was wrong and what to do; never credentials
   * @param cause the technical exception behind it (for example an {@code SQLException}), or
   *     null
   */
  public PcrUpgradeException(ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * The typed code of this error.
   *
   * @return the code tools match on, as given to the constructor
   */
  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code.name() + "]: " + getMessage();
  }
}
