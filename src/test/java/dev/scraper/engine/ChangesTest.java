package dev.scraper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.scraper.fetch.Validators;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The engine's memory of each URL's last good answer: per job, bounded, least recently used out first. */
class ChangesTest {
  private static final JsonObject FIELDS = new JsonObject().put("title", "t");

  @Test
  void keptPerJobAndTheLeastRecentlyUsedGoBeyondTheBound() {
    Changes c = new Changes(2);
    c.remember("a", "http://h/1", FIELDS, new Validators("\"1\"", null));
    c.remember("b", "http://h/1", FIELDS, null);
    assertEquals("\"1\"", c.last("a", "http://h/1").validators().etag());
    assertNull(c.last("b", "http://h/1").validators(), "another job's entry of the same URL");
    c.last("a", "http://h/1"); // used: b's is now the eldest
    c.remember("a", "http://h/2", FIELDS, null);
    assertEquals(2, c.size());
    assertNull(c.last("b", "http://h/1"));
    assertNotNull(c.last("a", "http://h/1"));
    c.forget("a", "http://h/1");
    assertNull(c.last("a", "http://h/1"));
  }

  @Test
  void aOneShotEngineKeepsNothing() {
    Changes c = new Changes(0);
    c.remember("a", "http://h/1", FIELDS, null);
    assertEquals(0, c.size());
    assertNull(c.last("a", "http://h/1"));
  }
}
