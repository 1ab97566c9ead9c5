/**
 * Comparing a capture with the simulation in one call, for a user's test suite (a test-scope
 * dependency, like the testkit): {@link io.github.pcrupgrade.capturecheck.CaptureCheck#of} replays
 * a capture to the JDBC inspector, builds the simulated deployment of the state it shows, asks the
 * simulation the recorded statements and returns a {@link
 * io.github.pcrupgrade.capturecheck.CaptureCheckReport} of every difference. The CLI's {@code
 * capture compare} uses the same call.
 */
package io.github.pcrupgrade.capturecheck;
