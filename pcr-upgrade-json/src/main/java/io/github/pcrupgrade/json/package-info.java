/**
 * The CLI's JSON: the versioned state file and the one Jackson configuration. The documents are
 * described in {@code docs/}.
 */
package io.github.pcrupgrade.json;
