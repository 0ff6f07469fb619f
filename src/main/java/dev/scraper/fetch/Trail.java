package dev.scraper.fetch;

import dev.scraper.record.Redirect;
import dev.scraper.url.InvalidUrlException;
import dev.scraper.url.Redaction;
import dev.scraper.url.WebUrl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a URL's current attempt went through, for its record: the redirects it followed, where a 3xx it did not
 * follow points, and the timings of its latest request. Starts over with each attempt (the record tells the final
 * one), except the reasons of the retries, which count them all. Passwords in URLs are shown as {@code ***}.
 */
final class Trail {
  private final List<Redirect> redirects = new ArrayList<>(0);
  /** Why each retry was made, over all attempts. */
  private final List<String> retryReasons = new ArrayList<>(0);
  /** The URLs requested in this attempt, so that a redirect loop is seen. */
  private final Set<String> visited = new HashSet<>(4);
  private String location;
  private Long connectMs;
  private Long ttfbMs;

  void attemptStarted() {
    redirects.clear();
    visited.clear();
    location = null;
    connectMs = null;
    ttfbMs = null;
  }

  /** A request of this attempt goes to {@code target}. */
  void visiting(WebUrl target) {
    visited.add(target.toString());
  }

  Set<String> visited() {
    return visited;
  }

  /** {@code from} answered {@code status} and its Location was followed. */
  void redirected(WebUrl from, int status) {
    redirects.add(new Redirect(from.shown(), status));
  }

  /** A request ended (answered or not): its timings are the latest. */
  void requestEnded(Hop hop) {
    connectMs = hop.connectMs();
    ttfbMs = hop.ttfbMs();
  }

  /** {@code at} answered with a redirect that is not followed: its Location, made absolute when it resolves. */
  void notFollowed(WebUrl at, String header) {
    if (header == null) {
      return;
    }
    try {
      location = at.resolve(header).shown();
    } catch (InvalidUrlException e) {
      location = Redaction.url(header.strip());
    }
  }

  /** The current attempt failed and another follows, for {@code reason} ({@code timeout}, {@code http-503}...). */
  void retried(String reason) {
    retryReasons.add(reason);
  }

  List<String> retryReasons() {
    return List.copyOf(retryReasons);
  }

  List<Redirect> redirects() {
    return List.copyOf(redirects);
  }

  String location() {
    return location;
  }

  Long connectMs() {
    return connectMs;
  }

  Long ttfbMs() {
    return ttfbMs;
  }
}
