package io.github.pcrupgrade.core.model;

/** How a value in a snapshot was obtained. Nothing is ever guessed silently. */
public enum Provenance {
  /** Read directly from the product. */
  OBSERVED,
  /** Derived from other observations; the evidence is stated next to the value. */
  INFERRED,
  /** Could not be observed or inferred; rules that need it report so. */
  UNKNOWN
}
