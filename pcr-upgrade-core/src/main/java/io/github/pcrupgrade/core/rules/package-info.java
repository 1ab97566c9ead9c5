/**
 * The PCR upgrade rules as pure functions of a deployment snapshot: the invariants and procedure
 * rules of the design, the preconditions of a major upgrade, and the fast-failback verdict. For
 * anyone who wants to know whether a deployment is safe, without changing it.
 */
package io.github.pcrupgrade.core.rules;
