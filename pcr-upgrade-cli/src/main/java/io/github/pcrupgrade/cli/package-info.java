/**
 * The {@code pcr-upgrade} command: one class per subcommand, run in-process through an injected
 * {@link io.github.pcrupgrade.cli.CliContext}. Not a library API.
 */
package io.github.pcrupgrade.cli;
