package dev.scraper.extract;

import dev.scraper.config.FieldSpec;
import io.vertx.core.json.JsonArray;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * One field: a selector compiled once, and what to read from its match (text, an attribute, inner HTML) for the
 * first match or for all. Thread-safe: Jsoup evaluators may be shared across documents and threads.
 */
public final class FieldExtractor {
  private final String name;
  private final Evaluator evaluator;
  private final String attr;
  private final boolean all;
  private final boolean html;

  public FieldExtractor(FieldSpec spec) {
    this.name = spec.name();
    this.evaluator = QueryParser.parse(spec.css());
    this.attr = spec.attr();
    this.all = spec.all();
    this.html = spec.html();
  }

  public String name() {
    return name;
  }

  /** The field's value in {@code root}: a String (or null when nothing matches), or a JsonArray with {@code all}. */
  public Object extract(Element root) {
    if (all) {
      Elements matches = root.select(evaluator);
      JsonArray values = new JsonArray();
      for (Element e : matches) {
        String v = read(e);
        if (v != null) {
          values.add(v);
        }
      }
      return values;
    }
    Element first = root.selectFirst(evaluator);
    return first == null ? null : read(first);
  }

  private String read(Element e) {
    if (attr != null) {
      return e.hasAttr(attr) || attr.startsWith("abs:") ? emptyToNull(e.attr(attr)) : null;
    }
    return html ? e.html() : e.text().strip();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
