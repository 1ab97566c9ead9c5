/** Small programs the README quotes; each is run by a test in CI. */
package io.github.pcrupgrade.examples;
