/**
 * The pcr-upgrade Service Provider Interface (SPI): the ports adapter writers implement to connect
 * the library to real clusters, hosts, journals and people (inspection, SQL operations, node binary
 * swaps, the durable journal and its lease, approvals, sleeping). Each interface's Javadoc is its
 * contract. Applications that only plan or run upgrades do not need this package.
 */
package io.github.pcrupgrade.core.spi;
