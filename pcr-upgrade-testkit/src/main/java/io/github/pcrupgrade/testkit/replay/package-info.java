/**
 * Replay of a capture ({@code docs/capture.md}): the wire front answering as a recorded cluster
 * did, so that the JDBC adapters can be tested against what a real deployment answered. For test
 * suites: {@link io.github.pcrupgrade.testkit.replay.CaptureReplay} is the entry point.
 */
package io.github.pcrupgrade.testkit.replay;
