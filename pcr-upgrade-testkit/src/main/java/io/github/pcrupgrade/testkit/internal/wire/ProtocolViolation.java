package io.github.pcrupgrade.testkit.internal.wire;

/** The client broke the wire protocol; the connection gets a 08P01 error and is closed. */
final class ProtocolViolation extends Exception {
  private static final long serialVersionUID = 1L;

  ProtocolViolation(String message) {
    super(message);
  }
}
