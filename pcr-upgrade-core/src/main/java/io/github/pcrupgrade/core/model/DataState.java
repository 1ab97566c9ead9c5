package io.github.pcrupgrade.core.model;

/** The data state of a virtual cluster ({@code system.tenants.data_state}). */
public enum DataState {
  /** Being created: a replicating VC, or a reader VC waiting for the initial scan. */
  ADD,
  /** Ready: data complete; the VC may serve. */
  READY,
  /** Being dropped (printed {@code dropping}). */
  DROPPING
}
