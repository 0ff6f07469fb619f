package dev.scraper.filter;

import dev.scraper.frontier.CrawlUrl;
import java.util.List;
import java.util.Map;

/**
 * The links a page gave for the frontier, and what it did not give.
 *
 * @param urls the links that passed the page's rules, in page order (duplicates still possible: the run's seen
 *     set decides)
 * @param dropped reason to number of links dropped here ({@code scheme}, {@code off-site}, {@code nofollow}...)
 * @param noindex the page asked not to be indexed (meta robots or X-Robots-Tag): its fields are not extracted
 * @param canonical the page's canonical URL (normalised) when the job asks for it, else null
 */
public record FoundLinks(List<CrawlUrl> urls, Map<String, Integer> dropped, boolean noindex, String canonical) {
  /** No links: the job does not follow any. */
  public static final FoundLinks NONE = new FoundLinks(List.of(), Map.of(), false, null);
}
