package dev.scraper.sitemap;

import crawlercommons.mimetypes.MimeTypeDetector;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.scraper.config.Defaults;
import dev.scraper.fetch.FetchError;
import dev.scraper.parse.Bodies;
import dev.scraper.record.ErrorType;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One sitemap document, read from its bytes by crawler-commons' {@link SiteMapParser} (never its
 * {@code parseSiteMap(URL)}, which fetches by blocking I/O): an XML sitemap, a sitemap index, a text sitemap (one
 * URL a line) or an RSS/Atom feed, gzipped or not. The body's Content-Encoding is undone, and then a gzip file
 * ({@code sitemap.xml.gz}, recognised by its first bytes), each with the cap {@link Defaults#SITEMAP_MAX_BYTES}
 * on the decoded size. URLs are taken in document order, {@link Defaults#SITEMAP_MAX_URLS} at most. Locations
 * need not lie under the sitemap's own path (the parser is not strict): the job named the sitemap. DTDs and
 * external entities are refused by the parser. Pure; runs on a worker, never on the event loop.
 *
 * @param index whether it is a sitemap index (its {@code urls} are sitemaps)
 * @param urls the URLs (or sitemaps) taken, as written
 * @param listed how many the document lists (more than {@code urls.size()} when it passed the cap)
 */
record SitemapDoc(boolean index, List<String> urls, int listed) {
  private static final MimeTypeDetector DETECTOR = new MimeTypeDetector();
  private static final String XML = "application/xml";
  private static final String TEXT = "text/plain";
  /** Why a sitemap over {@link Defaults#SITEMAP_MAX_BYTES} is not read. */
  static final String TOO_LARGE = "larger than " + Defaults.SITEMAP_MAX_BYTES + " bytes (the sitemaps protocol's "
      + "limit); not read";

  /** Why a document could not be read: {@code kind} is an error type ({@code body-too-large}...) or {@link #INVALID}. */
  static final class Unreadable extends Exception {
    /** The kind of a document that is not a sitemap, or one the parser refused. */
    static final String INVALID = "invalid-sitemap";
    final String kind;

    Unreadable(String kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }
  }

  /**
   * Reads a fetched sitemap.
   *
   * @param url the URL the body came from (after redirects)
   * @throws Unreadable when it is too big, corrupt or not a sitemap
   */
  static SitemapDoc read(Buffer body, String contentEncoding, String contentType, String url) throws Unreadable {
    byte[] bytes = decode(body, contentEncoding, "");
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      bytes = decode(Buffer.buffer(bytes), "gzip", "gzip file: ");
    }
    String type = DETECTOR.detect(bytes);
    if (type == null) {
      type = mediaType(contentType);
    }
    if (!XML.equals(type) && !TEXT.equals(type)) {
      throw new Unreadable(Unreadable.INVALID, "not a sitemap: neither XML nor a list of URLs (Content-Type "
          + (contentType == null ? "none" : contentType) + ")");
    }
    AbstractSiteMap parsed;
    try {
      parsed = new SiteMapParser(false, false).parseSiteMap(type, bytes, toUrl(url));
    } catch (UnknownFormatException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new Unreadable(Unreadable.INVALID, "not a readable sitemap: " + cause.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new Unreadable(Unreadable.INVALID, "not a readable sitemap: " + e);
    }
    if (parsed.isIndex()) {
      Collection<AbstractSiteMap> children = ((SiteMapIndex) parsed).getSitemaps();
      return take(true, children.size(), children.stream().map(c -> c.getUrl().toString()).toList());
    }
    Collection<SiteMapURL> urls = ((SiteMap) parsed).getSiteMapUrls();
    return take(false, urls.size(), urls.stream().map(u -> u.getUrl().toString()).toList());
  }

  private static SitemapDoc take(boolean index, int listed, List<String> all) {
    int n = Math.min(listed, Defaults.SITEMAP_MAX_URLS);
    return new SitemapDoc(index, n == all.size() ? all : new ArrayList<>(all.subList(0, n)), listed);
  }

  private static byte[] decode(Buffer body, String encoding, String what) throws Unreadable {
    try {
      return Bodies.decode(body, encoding, Defaults.SITEMAP_MAX_BYTES);
    } catch (FetchError e) {
      if (e.type() == ErrorType.BODY_TOO_LARGE) {
        throw new Unreadable(e.type().wire(), TOO_LARGE);
      }
      throw new Unreadable(what.isEmpty() ? e.type().wire() : Unreadable.INVALID, what + e.getMessage());
    }
  }

  /** {@code text/xml; charset=utf-8} → {@code application/xml}, {@code text/plain} → itself, else null. */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String t = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return DETECTOR.isXml(t) ? XML : DETECTOR.isText(t) ? TEXT : null;
  }

  private static URL toUrl(String url) throws Unreadable {
    try {
      return URI.create(url).toURL();
    } catch (IllegalArgumentException | java.net.MalformedURLException e) {
      throw new Unreadable(Unreadable.INVALID, "its URL cannot be read by the sitemap parser: " + e.getMessage());
    }
  }
}
