/**
 * The typed, immutable events an executor run emits, the listener interface and a ready SLF4J
 * listener. For embedders who show progress or feed their own monitoring.
 */
package io.github.pcrupgrade.core.event;
