package dev.scraper.url;

/**
 * An absolute http or https URL in normal form: the one string that is fetched, the duplicate key, and the source
 * of the politeness key. Every URL goes through here (config, urlsFile, redirects), so every part of the scraper
 * agrees on what a URL is and when two URLs are the same. Parsing scans the characters once, without regex or
 * {@link java.net.URI}: it runs on the event loop for every URL.
 *
 * <p>Normalisation, in order (RFC 3986 section 6.2.2, plus what browsers send):
 * <ol>
 * <li>white space and control characters around the URL are ignored;</li>
 * <li>the scheme is lower-cased; only http and https are accepted;</li>
 * <li>the host is lower-cased; a host with non-ASCII characters is converted to punycode (IDNA); a host must be
 * letters, digits, '-' and '.' (no '_', no empty label) or an IPv6 literal in brackets, which is written in RFC
 * 5952's shortest form;</li>
 * <li>the port must be 1-65535; an empty port means the default one; the default port (80 for http, 443 for
 * https) is left out of {@link #toString()} but always written in {@link #hostKey()};</li>
 * <li>user information ({@code user:pass@}) is kept in {@link #toString()} (it is credentials for the server) and
 * never part of {@link #hostKey()};</li>
 * <li>in user information, path and query: escapes get upper-case hex; escapes of unreserved characters
 * (ALPHA DIGIT - . _ ~) are decoded; characters the component may not hold (space, control characters, non-ASCII,
 * {@code " < > \ ^ ` { | } [ ]}) are percent-encoded as UTF-8; a '%' not followed by two hex digits becomes
 * {@code %25}; reserved characters and their escapes ({@code %2F}) are left as they are, since decoding them
 * would change the meaning;</li>
 * <li>an empty path becomes "/"; dot segments are removed (RFC 3986 section 5.2.4), after the escapes, so
 * {@code %2E%2E} counts as {@code ..};</li>
 * <li>an empty query ("?" alone) is dropped; the order of query parameters is kept (servers may care);</li>
 * <li>the fragment is dropped: it never reaches the server.</li>
 * </ol>
 * Immutable and thread-safe; equal when the normal forms are equal.
 */
public final class WebUrl {
  static final String HTTP = "http";
  static final String HTTPS = "https";

  private final String scheme;
  private final String userInfo;
  private final String host;
  private final int port;
  private final String text;
  private final int pathStart;
  private final int queryStart;
  private String hostKey;

  WebUrl(String scheme, String userInfo, String host, int port, String text, int pathStart, int queryStart) {
    this.scheme = scheme;
    this.userInfo = userInfo;
    this.host = host;
    this.port = port;
    this.text = text;
    this.pathStart = pathStart;
    this.queryStart = queryStart;
  }

  /** A URL on the server of {@code base}, with another path and query. */
  WebUrl(WebUrl base, String text, int pathStart, int queryStart) {
    this(base.scheme, base.userInfo, base.host, base.port, text, pathStart, queryStart);
  }

  /**
   * Parses an absolute http or https URL and normalises it.
   *
   * @throws InvalidUrlException when it cannot be fetched; the message, quoting the URL, is meant for the user
   */
  public static WebUrl parse(String given) {
    return UrlParser.parse(given);
  }

  /**
   * Null when {@code given} (trimmed by the caller) is a fetchable absolute http or https URL, else the problem
   * as a sentence fragment quoting the URL, e.g. {@code 'ftp://x/y' is not an http or https URL}.
   */
  public static String problem(String given) {
    try {
      UrlParser.parse(given);
      return null;
    } catch (InvalidUrlException e) {
      return e.getMessage();
    }
  }

  /**
   * Resolves a reference (a Location header, a link) against this URL as RFC 3986 section 5.2 says, and
   * normalises the result. White space around the reference is ignored. A reference that names this URL's own
   * scheme without "//" ({@code http:g}) is taken as relative, as the RFC allows and browsers do.
   *
   * @throws InvalidUrlException when the result cannot be fetched; its {@link InvalidUrlException#reason()} is
   *     {@code SCHEME} when the reference leads away from http and https ({@code ftp:}, {@code mailto:},
   *     {@code javascript:} ...), which callers may want to skip quietly rather than report
   */
  public WebUrl resolve(String reference) {
    return UrlParser.resolve(this, reference);
  }

  /** "http" or "https". */
  public String scheme() {
    return scheme;
  }

  /** The user information as given (escapes normalised), without the '@'; null when there is none. */
  public String userInfo() {
    return userInfo;
  }

  /** Lower-case ASCII (punycode for IDN); an IPv6 address in brackets. */
  public String host() {
    return host;
  }

  /** The port given, or the scheme's default. */
  public int port() {
    return port;
  }

  /** The path ("/" at least) and, when there is one, '?' and the query: what an HTTP request line asks for. */
  public String pathAndQuery() {
    return text.substring(pathStart);
  }

  /**
   * The politeness key: {@code scheme://host:port}, the port always written and without user information, so
   * that all URLs of one server share one queue, one robots.txt and one crawl delay.
   */
  public String hostKey() {
    String key = hostKey;
    if (key == null) {
      key = scheme + "://" + host + ":" + port;
      hostKey = key; // a benign race: every thread computes the same string
    }
    return key;
  }

  /** The URL a request goes to: the normal form without user information (that is sent as Basic auth). */
  public String requestUrl() {
    return userInfo == null ? text : scheme + "://" + text.substring(text.indexOf('@') + 1);
  }

  /** The normal form as shown to people and written to records: a password is replaced by {@code ***}. */
  public String shown() {
    return userInfo == null ? text : Redaction.url(text);
  }

  int pathStart() {
    return pathStart;
  }

  /** The index of '?' in {@link #toString()}, or -1. */
  int queryStart() {
    return queryStart;
  }

  /** The normal form: {@code scheme://[userinfo@]host[:port]pathAndQuery}, the port only when not the default. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebUrl && ((WebUrl) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
