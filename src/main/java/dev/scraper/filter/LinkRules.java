package dev.scraper.filter;

import dev.scraper.config.FollowSpec;
import dev.scraper.url.InvalidUrlException;
import dev.scraper.url.WebUrl;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules one found link passes before it may join the frontier, in order: not too long; an http or https URL
 * with a valid host and port (normalised by {@link WebUrl}); tracking parameters removed; in scope; matching an
 * {@code allow} pattern (when there are any) and no {@code deny} pattern (both searched in the normalised URL).
 * Stateless and thread-safe: it runs on the parse workers. What the frontier's state decides (seen, page caps) is
 * left to the run.
 */
public final class LinkRules {
  private final FollowSpec spec;
  private final Scope scope;
  private final Set<String> removeParams;

  public LinkRules(FollowSpec spec, Scope scope) {
    this.spec = spec;
    this.scope = scope;
    this.removeParams = Set.copyOf(spec.removeParams());
  }

  /** The URL to follow, or null with the reason counted in {@code dropped}. */
  public WebUrl admit(String href, Map<String, Integer> dropped) {
    if (href.length() > spec.maxUrlLength()) {
      return drop("too-long", dropped);
    }
    try {
      return admit(WebUrl.parse(href), dropped);
    } catch (InvalidUrlException e) {
      return drop(e.reason(), dropped);
    }
  }

  /** As {@link #admit(String, Map)}, for a link already resolved against its page. */
  public WebUrl admit(WebUrl found, Map<String, Integer> dropped) {
    if (found.toString().length() > spec.maxUrlLength()) {
      return drop("too-long", dropped);
    }
    WebUrl url;
    try {
      url = withoutParams(found);
    } catch (InvalidUrlException e) {
      return drop(e.reason(), dropped);
    }
    if (spec.sameHost() && !scope.contains(url)) {
      return drop("off-site", dropped);
    }
    String text = url.toString();
    if (!spec.allow().isEmpty() && spec.allow().stream().noneMatch(p -> p.matcher(text).find())) {
      return drop("not-allowed", dropped);
    }
    for (Pattern p : spec.deny()) {
      if (p.matcher(text).find()) {
        return drop("denied", dropped);
      }
    }
    return url;
  }

  /** Counts a link that is not a URL to follow, by why ({@code scheme}, {@code port} or {@code invalid}). */
  static WebUrl drop(InvalidUrlException.Reason reason, Map<String, Integer> dropped) {
    return drop(reason == InvalidUrlException.Reason.SCHEME || reason == InvalidUrlException.Reason.NO_SCHEME
        ? "scheme" : reason == InvalidUrlException.Reason.PORT ? "port" : "invalid", dropped);
  }

  /** The URL without the query parameters the job removes (tracking parameters); itself when it has none. */
  WebUrl withoutParams(WebUrl url) {
    String text = url.toString();
    int q = text.indexOf('?');
    if (q < 0 || removeParams.isEmpty()) {
      return url;
    }
    StringBuilder kept = new StringBuilder();
    boolean removed = false;
    for (String param : text.substring(q + 1).split("&", -1)) {
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      if (removeParams.contains(name)) {
        removed = true;
      } else if (!param.isEmpty()) {
        kept.append(kept.length() == 0 ? "" : "&").append(param);
      }
    }
    if (!removed) {
      return url;
    }
    return WebUrl.parse(text.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept));
  }

  private static WebUrl drop(String reason, Map<String, Integer> dropped) {
    dropped.merge(reason, 1, Integer::sum);
    return null;
  }
}
