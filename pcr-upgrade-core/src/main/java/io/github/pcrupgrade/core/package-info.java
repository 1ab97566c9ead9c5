/**
 * The pcr-upgrade public API, for applications that embed the library: the root exception
 * {@link io.github.pcrupgrade.core.PcrUpgradeException} with its typed
 * {@link io.github.pcrupgrade.core.ErrorCode}s ({@link io.github.pcrupgrade.core.CoreErrorCode}).
 * Value types live in {@code version}, release data in {@code catalog}, observed deployments in
 * {@code model}; adapter writers implement the ports in {@code spi}.
 */
package io.github.pcrupgrade.core;
