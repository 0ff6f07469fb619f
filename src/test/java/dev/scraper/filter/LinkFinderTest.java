package dev.scraper.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scraper.config.Defaults;
import dev.scraper.config.FollowSpec;
import dev.scraper.frontier.CrawlUrl;
import dev.scraper.url.WebUrl;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** A page's links as the parse workers give them to the frontier: absolute, normalised, filtered, counted. */
class LinkFinderTest {
  private static final String BASE = "http://site.test/shop/list";
  private static final CrawlUrl PAGE = new CrawlUrl(BASE, WebUrl.parse(BASE), 2, null);

  private static FollowSpec spec(String links, List<Pattern> allow, List<Pattern> deny, int maxDepth,
                                 boolean canonical) {
    return new FollowSpec(links, allow, deny, true, "host", maxDepth, 1000, true, canonical, 100, 1000, 100,
        Defaults.FOLLOW_REMOVE_PARAMS);
  }

  private static FoundLinks find(FollowSpec spec, String html, String robotsTag) {
    Scope scope = new Scope(spec.domainScope());
    scope.add(WebUrl.parse(BASE));
    Document doc = Jsoup.parse(html, BASE);
    return new LinkFinder(spec, scope, "scraper").find(doc, PAGE, BASE, robotsTag);
  }

  private static List<String> urls(FoundLinks f) {
    return f.urls().stream().map(u -> u.url().toString()).toList();
  }

  @Test
  void linksAreMadeAbsoluteAgainstTheBaseHrefNormalisedAndCarryDepthAndReferrer() {
    FoundLinks f = find(spec("a", List.of(), List.of(), 5, false), """
        <html><head><base href="http://site.test/shop/"></head><body>
        <a href="item/1">one</a> <a href="/about/./us">about</a> <a href="?page=2#top">next</a>
        <a href="item/2?utm_source=mail&amp;id=2">tracked</a> <a>no href</a></body></html>""", null);
    assertEquals(List.of("http://site.test/shop/item/1", "http://site.test/about/us",
        "http://site.test/shop/?page=2", "http://site.test/shop/item/2?id=2"), urls(f));
    CrawlUrl first = f.urls().get(0);
    assertEquals(3, first.depth());
    assertEquals(BASE, first.referrer());
    assertEquals("http://site.test/shop/item/1", first.given(), "recorded as found, made absolute");
  }

  @Test
  void linksThatCannotBeQueuedAreDroppedAndCountedByReason() {
    FoundLinks f = find(spec("a", List.of(Pattern.compile("/shop/")), List.of(Pattern.compile("/shop/admin")), 5,
        false), """
        <a href="mailto:x@y.test">mail</a> <a href="javascript:void(0)">js</a> <a href="ftp://site.test/f">ftp</a>
        <a href="http://site.test:99999/x">port</a> <a href="http://other.test/shop/x">off</a>
        <a href="/elsewhere">not allowed</a> <a href="/shop/admin/x">denied</a> <a href="/shop/ok">ok</a>
        <a rel="nofollow sponsored" href="/shop/paid">paid</a>
        <a href="/shop/""" + "x".repeat(120) + "\">long</a>", null);
    assertEquals(List.of("http://site.test/shop/ok"), urls(f));
    assertEquals(Map.of("scheme", 3, "port", 1, "off-site", 1, "not-allowed", 1, "denied", 1, "nofollow", 1,
        "too-long", 1), f.dropped());
  }

  @Test
  void robotsDirectivesOfThePageAndItsHeaderAreHonoured() {
    String links = "<a href=\"/shop/a\">a</a><a href=\"/shop/b\">b</a>";
    FoundLinks meta = find(spec("a", List.of(), List.of(), 5, false),
        "<meta name=\"robots\" content=\"noindex, nofollow\">" + links, null);
    assertEquals(List.of(), meta.urls());
    assertEquals(Map.of("nofollow", 2), meta.dropped());
    assertTrue(meta.noindex());
    FoundLinks ours = find(spec("a", List.of(), List.of(), 5, false),
        "<meta name=\"Scraper\" content=\"none\">" + links, null);
    assertEquals(Map.of("nofollow", 2), ours.dropped(), "a meta naming our User-Agent token counts too");
    FoundLinks header = find(spec("a", List.of(), List.of(), 5, false), links, "noindex");
    assertEquals(2, header.urls().size(), "noindex alone still follows");
    assertTrue(header.noindex());
  }

  @Test
  void aPageAtMaxDepthGivesNoLinks() {
    FoundLinks f = find(spec("a", List.of(), List.of(), 2, false), "<a href=\"/shop/a\">a</a>", null);
    assertEquals(List.of(), f.urls());
    assertEquals(Map.of("max-depth", 1), f.dropped());
  }

  @Test
  void onlyTheLinksTheSelectorNamesAreTakenAndTheCanonicalIsGivenWhenAsked() {
    String html = "<link rel=\"canonical\" href=\"/shop/list?sort=name#x\"><ul><li class=\"next\">"
        + "<a href=\"?page=3\">next</a></li></ul><a href=\"/shop/other\">other</a>";
    FoundLinks f = find(spec("li.next a", List.of(), List.of(), 5, true), html, null);
    assertEquals(List.of("http://site.test/shop/list?page=3"), urls(f));
    assertEquals("http://site.test/shop/list?sort=name", f.canonical());
    assertNull(find(spec("li.next a", List.of(), List.of(), 5, false), html, null).canonical());
  }

  @Test
  void theDomainScopeTakesOtherHostsOfTheRegistrableDomain() {
    FollowSpec spec = new FollowSpec("a", List.of(), List.of(), true, "domain", 5, 1000, true, false, 200, 1000, 100,
        List.of());
    Scope scope = new Scope(true);
    scope.add(WebUrl.parse("http://www.shop.example.co.uk/"));
    Document doc = Jsoup.parse("<a href=\"https://blog.example.co.uk/x\">blog</a>"
        + "<a href=\"http://example.com/\">other</a><a href=\"http://co.uk/\">suffix</a>", "http://www.shop.example.co.uk/");
    FoundLinks f = new LinkFinder(spec, scope, "scraper").find(doc, PAGE, BASE, null);
    assertEquals(List.of("https://blog.example.co.uk/x"), urls(f));
    assertEquals(Map.of("off-site", 2), f.dropped());
  }

  @Test
  void linksWithSpacesAndLineBreaksInTheirHrefAreTheSameUrl() {
    FoundLinks f = find(spec("a", List.of(), List.of(), 5, false),
        "<a href=\"  /shop/a \">a</a><a href=\"/shop/\n\tb\">b</a><a href=\"HTTP://SITE.test:80/shop/c\">c</a>", null);
    assertEquals(List.of("http://site.test/shop/a", "http://site.test/shop/b", "http://site.test/shop/c"), urls(f));
  }

  @Test
  void directivesAreFoundInCommaOrSpaceSeparatedListsInAnyCase() {
    assertTrue(LinkFinder.has("noindex, NoFollow", "nofollow"));
    assertTrue(LinkFinder.has("external\tnofollow", "nofollow"));
    assertTrue(LinkFinder.has("googlebot: noindex,scraper:nofollow", "nofollow"));
    assertTrue(LinkFinder.has(",none", "none"));
    assertTrue(!LinkFinder.has("nofollowed, follow", "nofollow"));
    assertTrue(!LinkFinder.has("xnofollow", "nofollow"));
    assertTrue(!LinkFinder.has("", "nofollow"));
  }
}
