package io.github.pcrupgrade.cli;

/** Output formats; lower-case so that picocli accepts {@code --format json}. */
enum OutputFormat {
  text,
  json,
  mermaid
}
