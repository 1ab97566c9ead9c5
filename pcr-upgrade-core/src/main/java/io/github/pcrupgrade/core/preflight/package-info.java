/**
 * Preflight: the verdicts of a read-only pass over two clusters before an upgrade, and the pure
 * decisions behind them that need no connection (the licence precondition of a hop to 24.3).
 * For embedders that run the checks themselves, and for the adapters that gather what they read.
 */
package io.github.pcrupgrade.core.preflight;
