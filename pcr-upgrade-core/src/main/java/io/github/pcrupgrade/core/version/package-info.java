/**
 * Version values, for everyone who reads or compares CockroachDB versions: release series
 * ({@code 24.3}), binary versions ({@code v25.2.4}) and per-VC cluster versions
 * ({@code 24.2-upgrading-to-24.3-step-004}). Each is immutable, ordered and parsed from the
 * product's own spellings; a parser raises only
 * {@link io.github.pcrupgrade.core.version.VersionFormatException}.
 */
package io.github.pcrupgrade.core.version;
