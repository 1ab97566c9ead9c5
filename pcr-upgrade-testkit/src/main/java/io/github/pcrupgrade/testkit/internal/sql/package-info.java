/**
 * Internal to the testkit (not exported by its module).
 *
 * <p>The SQL subset understood by the simulated CockroachDB wire front: a hand-written {@link
 * io.github.pcrupgrade.testkit.internal.sql.Lexer}, a recursive-descent {@link
 * io.github.pcrupgrade.testkit.internal.sql.Parser} and the typed AST ({@link
 * io.github.pcrupgrade.testkit.internal.sql.Statement}, {@link io.github.pcrupgrade.testkit.internal.sql.Expr}).
 * For the accepted statement forms see {@code io.github.pcrupgrade.testkit.internal.wire}. For whoever
 * extends the simulation; applications talk SQL over the wire instead.
 */
package io.github.pcrupgrade.testkit.internal.sql;
