package dev.scraper.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The links a page offers to follow: the {@code href} of every matching {@code <a>}, made absolute against the
 * page's base URI (which honours {@code <base href>}). Filtering and normalising come later, in the frontier.
 * Thread-safe: the compiled selector is shared.
 */
public final class LinkExtractor {
  private final Evaluator links;

  /** @param css the selector of the links to follow; its matches must be elements with an href */
  public LinkExtractor(String css) {
    this.links = QueryParser.parse(css);
  }

  /** Every link of the page, absolute, in document order (duplicates kept). */
  public List<String> links(Document doc) {
    List<String> out = new ArrayList<>();
    for (Element a : doc.select(links)) {
      if (a.hasAttr("href")) {
        String abs = a.absUrl("href");
        if (!abs.isEmpty()) {
          out.add(abs);
        }
      }
    }
    return out;
  }
}
