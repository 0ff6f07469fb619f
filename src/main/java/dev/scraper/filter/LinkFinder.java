package dev.scraper.filter;

import dev.scraper.config.FollowSpec;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.url.InvalidUrlException;
import dev.scraper.url.Redaction;
import dev.scraper.url.WebUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * A job's crawl rules applied to one parsed page, on a parse worker: the page's own robots directives first
 * ({@code <meta name="robots">} or one naming our User-Agent token, and the X-Robots-Tag header: {@code nofollow}
 * or {@code none} follows nothing, {@code noindex} extracts nothing), then each link the job's selector matches:
 * {@code rel="nofollow"} skipped, made absolute (honouring {@code <base href>}), and passed through the
 * {@link LinkRules}. Links of a page at {@code maxDepth} are not followed. Thread-safe.
 */
public final class LinkFinder {
  private static final Evaluator CANONICAL = QueryParser.parse("link[rel~=(?i)^canonical$][href]");
  private final FollowSpec spec;
  private final Evaluator links;
  private final LinkRules rules;
  private final String agent;

  /** @param agent the robots.txt product token of the job's User-Agent ("scraper"), for {@code <meta name>} */
  public LinkFinder(FollowSpec spec, Scope scope, String agent) {
    this.spec = spec;
    this.links = QueryParser.parse(spec.links());
    this.rules = new LinkRules(spec, scope);
    this.agent = agent.toLowerCase(Locale.ROOT);
  }

  /**
   * The links {@code doc} gives for the frontier.
   *
   * @param page the page, for the links' depth and referrer
   * @param robotsTag the response's X-Robots-Tag header, or null
   */
  public FoundLinks find(Document doc, CrawlUrl page, String finalUrl, String robotsTag) {
    String directives = (robotsTag == null ? "" : robotsTag) + "," + metaRobots(doc);
    boolean noindex = spec.nofollow() && (has(directives, "noindex") || has(directives, "none"));
    Map<String, Integer> dropped = new TreeMap<>();
    List<CrawlUrl> found = new ArrayList<>();
    List<Element> anchors = doc.select(links);
    if (page.depth() >= spec.maxDepth()) {
      count(dropped, "max-depth", anchors.size());
    } else if (spec.nofollow() && (has(directives, "nofollow") || has(directives, "none"))) {
      count(dropped, "nofollow", anchors.size());
    } else {
      String referrer = Redaction.url(finalUrl);
      WebUrl base = base(doc);
      for (Element a : anchors) {
        if (!a.hasAttr("href")) {
          continue;
        }
        if (spec.nofollow() && has(a.attr("rel"), "nofollow")) {
          count(dropped, "nofollow", 1);
          continue;
        }
        WebUrl resolved = resolve(base, a, dropped);
        WebUrl url = resolved == null ? null : rules.admit(resolved, dropped);
        if (url != null) {
          found.add(new CrawlUrl(resolved.toString(), url, page.depth() + 1, referrer));
        }
      }
    }
    return new FoundLinks(found, dropped, noindex, spec.canonical() ? canonical(doc) : null);
  }

  /** The URL the page's links are relative to: its {@code <base href>} (resolved by jsoup), else where it came from. */
  private static WebUrl base(Document doc) {
    try {
      return WebUrl.parse(doc.baseUri());
    } catch (IllegalArgumentException e) {
      return null; // a base that is not http or https: each link is resolved by jsoup instead
    }
  }

  /**
   * A link made absolute by the one URL parser (the tabs and line breaks HTML allows inside an attribute removed),
   * or null, counted in {@code dropped}, when it leads nowhere fetchable.
   */
  private static WebUrl resolve(WebUrl base, Element a, Map<String, Integer> dropped) {
    String href = a.attr("href");
    if (href.indexOf('\t') >= 0 || href.indexOf('\n') >= 0 || href.indexOf('\r') >= 0) {
      href = href.replace("\t", "").replace("\n", "").replace("\r", "");
    }
    try {
      if (base != null) {
        return base.resolve(href);
      }
      String abs = a.absUrl("href");
      if (abs.isEmpty()) {
        count(dropped, "invalid", 1);
        return null;
      }
      return WebUrl.parse(abs);
    } catch (InvalidUrlException e) {
      LinkRules.drop(e.reason(), dropped);
      return null;
    }
  }

  private String metaRobots(Document doc) {
    StringBuilder b = new StringBuilder();
    for (Element meta : doc.select("meta[name][content]")) {
      String name = meta.attr("name").toLowerCase(Locale.ROOT);
      if (name.equals("robots") || name.equals(agent)) {
        b.append(meta.attr("content")).append(',');
      }
    }
    return b.toString();
  }

  private static String canonical(Document doc) {
    Element link = doc.selectFirst(CANONICAL);
    if (link == null) {
      return null;
    }
    try {
      return WebUrl.parse(link.absUrl("href")).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Whether a comma or space separated list of directives holds {@code word} (any case), alone or after a colon
   * ({@code googlebot: noindex}). No regex: it runs for every link of every page.
   */
  static boolean has(String list, String word) {
    int n = list.length();
    int i = 0;
    while (i < n) {
      while (i < n && separator(list.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !separator(list.charAt(i))) {
        i++;
      }
      int from = i - word.length();
      if (from >= start && list.regionMatches(true, from, word, 0, word.length())
          && (from == start || list.charAt(from - 1) == ':')) {
        return true;
      }
    }
    return false;
  }

  private static boolean separator(char c) {
    return c == ',' || Character.isWhitespace(c);
  }

  private static void count(Map<String, Integer> dropped, String reason, int n) {
    if (n > 0) {
      dropped.merge(reason, n, Integer::sum);
    }
  }
}
