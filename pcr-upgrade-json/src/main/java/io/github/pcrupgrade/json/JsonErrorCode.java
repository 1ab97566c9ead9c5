package io.github.pcrupgrade.json;

import io.github.pcrupgrade.core.ErrorCode;

/** Why a JSON document was refused; the message names the line, the column and what was expected. */
public enum JsonErrorCode implements ErrorCode {
  /**
   * The document's {@code schemaVersion} is newer than this reader knows (or not a version at
   * all): upgrade pcr-upgrade-json to a release that reads it, or write the document with the
   * older version.
   */
  UNSUPPORTED_SCHEMA_VERSION,
  /**
   * The document is not valid JSON, or not of its documented shape: an unknown property, a value
   * of the wrong type, an unknown enum value, a missing property, or values that contradict each
   * other. Fix the document at the line and column the message names.
   */
  MALFORMED_DOCUMENT
}
