/**
 * Captures: what a deployment answered to pcr-upgrade's read-only statements, as pure data, and
 * the redaction that makes one safe to share ({@code docs/capture.md}). For the JDBC adapters that
 * make captures and for embedders and tests that read them.
 */
package io.github.pcrupgrade.core.capture;
