package dev.scraper.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How a job crawls from the pages it fetches ({@code follow}). Every value is already validated.
 *
 * @param links the CSS selector of the {@code <a href>} to follow (already checked to compile)
 * @param allow a followed URL must match one of these (any, when the list is empty)
 * @param deny a followed URL matching one of these is dropped
 * @param sameHost only links to the seeds' hosts (after their redirects) are followed
 * @param scope "host": the same host; "domain": the same registrable domain (public suffix list)
 * @param maxDepth links followed from a seed, at most (a seed is depth 0)
 * @param maxPages URLs admitted, seeds included, at most: each gets a record
 * @param nofollow honour rel=nofollow, {@code <meta name=robots>} nofollow/noindex/none and X-Robots-Tag
 * @param canonical a page's {@code <link rel=canonical>} counts as seen, so that its canonical URL is not fetched
 *     again as a duplicate
 * @param maxUrlLength links longer than this are dropped (a trap guard)
 * @param maxPagesPerHost URLs admitted per host, at most (a trap guard)
 * @param maxQueryVariants distinct query strings of one path admitted, at most (a calendar trap guard)
 * @param removeParams query parameters removed from followed links (tracking parameters)
 */
public record FollowSpec(String links, List<Pattern> allow, List<Pattern> deny, boolean sameHost, String scope,
                         int maxDepth, long maxPages, boolean nofollow, boolean canonical, int maxUrlLength,
                         long maxPagesPerHost, int maxQueryVariants, List<String> removeParams) {
  public FollowSpec {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
    removeParams = List.copyOf(removeParams);
  }

  /** Whether the scope is the registrable domain rather than the host. */
  public boolean domainScope() {
    return "domain".equals(scope);
  }
}
