package dev.scraper.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  private final MemoryBudget budget = new MemoryBudget(1_000);

  @Test
  void newFetchesWaitWhileTheBudgetIsFull() {
    MemoryBudget.Charge a = budget.body();
    assertTrue(budget.hasRoom());
    a.grow(999);
    assertTrue(budget.hasRoom());
    a.grow(1);
    assertFalse(budget.hasRoom(), "full at the limit");
    a.release();
    assertTrue(budget.hasRoom());
    assertEquals(0, budget.used());
    assertEquals(1_000, budget.peak());
  }

  @Test
  void overTheBudgetOnlyTheEldestBodyMayGrowSoTheEngineNeverDeadlocksOnIt() {
    MemoryBudget.Charge eldest = budget.body();
    MemoryBudget.Charge younger = budget.body();
    eldest.grow(600);
    younger.grow(600);
    assertFalse(younger.mayGrow(), "over the budget: the younger body pauses");
    assertTrue(eldest.mayGrow(), "the eldest always goes on");
    eldest.complete();
    assertTrue(younger.mayGrow(), "complete, the eldest leaves the bodies: the younger is the eldest now");
  }

  @Test
  void aPausedBodyIsWokenWhenBytesAreGivenBack() {
    MemoryBudget.Charge eldest = budget.body();
    MemoryBudget.Charge younger = budget.body();
    eldest.grow(900);
    younger.grow(200);
    List<String> woken = new ArrayList<>();
    younger.whenRoom(() -> woken.add("younger"));
    budget.onFreed(() -> woken.add("engine"));
    eldest.release();
    assertEquals(List.of("younger", "engine"), woken);
    assertTrue(younger.mayGrow());
  }

  @Test
  void aParseFitsUnderTheBudgetOrAloneAndIsChargedAsItsEstimate() {
    MemoryBudget.Charge page = budget.body();
    page.grow(100);
    page.complete();
    assertTrue(page.fits(900, false));
    assertFalse(page.fits(1_500, false), "ten times a large page does not fit beside others");
    assertTrue(page.fits(1_500, true), "but a page alone is always parsed");
    page.resize(1_500);
    assertEquals(1_500, budget.used());
    assertFalse(budget.hasRoom());
    page.release();
    assertEquals(0, budget.used());
  }

  @Test
  void aChargeIsGivenBackOnceHoweverOftenItIsReleased() {
    MemoryBudget.Charge c = budget.body();
    c.grow(300);
    c.release();
    c.release();
    c.grow(50);
    assertEquals(0, budget.used());
  }

  @Test
  void aBudgetBelowOneByteIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(0));
  }
}
