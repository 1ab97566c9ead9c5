package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import java.util.ArrayList;
import java.util.List;

/** Says in words how two plans differ, by step id (for a halt message). */
final class PlanDifference {

  private static final int SHOWN = 5;

  private PlanDifference() {}

  static String describe(UpgradePlan confirmed, UpgradePlan now) {
    List<String> added = new ArrayList<>();
    for (PlanStep st : now.steps()) {
      if (confirmed.step(st.id()).isEmpty()) {
        added.add(st.id() + " (" + st.description() + ")");
      }
    }
    List<String> gone = new ArrayList<>();
    for (PlanStep st : confirmed.steps()) {
      if (now.step(st.id()).isEmpty()) {
        gone.add(st.id());
      }
    }
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("not confirmed: " + shorten(added));
    }
    if (!gone.isEmpty()) {
      parts.add("no longer planned: " + shorten(gone));
    }
    if (parts.isEmpty()) {
      parts.add("the same steps in another order");
    }
    return String.join("; ", parts);
  }

  private static String shorten(List<String> items) {
    return items.size() <= SHOWN ? String.join(", ", items)
        : String.join(", ", items.subList(0, SHOWN)) + " and " + (items.size() - SHOWN) + " more";
  }
}
