package dev.scraper.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scraper.record.ErrorType;
import dev.scraper.fetch.FetchError;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Undoing a Content-Encoding under a cap on the decoded size: what a server may send, and what a hostile one may. */
class BodiesTest {
  private static final long MiB = 1L << 20;
  /** A cap no body here comes near (see {@link #theLargestMaxTheConfigAcceptsDoesNotRefuseEveryBody} for more). */
  private static final long UNLIMITED = 1L << 40;
  private static final byte[] PAGE = "<!doctype html><title>Café</title><h1>Hello, gzip</h1>\n"
      .getBytes(StandardCharsets.UTF_8);

  /** 1 GiB of zeros as gzip (about 1 MiB), made once for the test that needs it. */
  private static final class Bomb {
    static final byte[] GIB_OF_ZEROS = Compressed.zeros(1L << 30);
  }

  private static byte[] decode(byte[] raw, String encoding, long max) {
    return Bodies.decode(Buffer.buffer(raw), encoding, max);
  }

  private static FetchError failure(byte[] raw, String encoding, long max) {
    return assertThrows(FetchError.class, () -> decode(raw, encoding, max));
  }

  /** The encoded form of {@code data} for a row of a table: gzip, zlib (deflate with the wrapper) or raw deflate. */
  private static byte[] encode(String form, byte[] data) {
    return switch (form) {
      case "gzip" -> Compressed.gzip(data);
      case "zlib" -> Compressed.zlib(data);
      case "raw" -> Compressed.rawDeflate(data);
      default -> throw new IllegalArgumentException(form);
    };
  }

  /** The Content-Encoding a server sends for a form. */
  private static String header(String form) {
    return form.equals("gzip") ? "gzip" : "deflate";
  }

  @ParameterizedTest(name = "[{index}] Content-Encoding ''{0}''")
  @NullAndEmptySource
  @ValueSource(strings = {"identity", "IDENTITY", " identity ", "  "})
  void noEncodingOrIdentityGivesTheBytesAsReceived(String encoding) {
    byte[] gzipBytes = Compressed.gzip(PAGE);
    assertArrayEquals(PAGE, decode(PAGE, encoding, UNLIMITED));
    assertArrayEquals(gzipBytes, decode(gzipBytes, encoding, UNLIMITED), "not gunzipped when not declared");
  }

  @Test
  void aMissingBodyWithoutEncodingIsNoBytes() {
    assertArrayEquals(new byte[0], Bodies.decode(null, null, UNLIMITED));
  }

  @ParameterizedTest(name = "[{index}] Content-Encoding ''{0}''")
  @ValueSource(strings = {"gzip", "x-gzip", " GZIP ", "X-GZip", "\tgzip\t"})
  void gzipAndXGzipAreRecognisedWhateverTheirCaseAndSurroundingSpace(String encoding) {
    assertArrayEquals(PAGE, decode(Compressed.gzip(PAGE), encoding, UNLIMITED));
  }

  /** Sizes around the decoder's first buffer (1 KiB ... 64 KiB) and its doublings. */
  @ParameterizedTest(name = "[{index}] {0} bytes")
  @ValueSource(ints = {0, 1, 1023, 1024, 1025, 65_535, 65_536, 65_537, 300_000, 3_000_000})
  void aGzipMadeByGzipOutputStreamDecodesToItsInput(int size) {
    byte[] data = Compressed.text(size);
    assertArrayEquals(data, decode(Compressed.gzip(data), "gzip", UNLIMITED));
  }

  @ParameterizedTest(name = "[{index}] extra={0} name={1} comment={2} hcrc={3} level={4}")
  @CsvSource(nullValues = "NULL", textBlock = """
      # FEXTRA data,      FNAME,          FCOMMENT,             FHCRC, deflate level
      NULL,               NULL,           NULL,                 false, 6
      NULL,               index.html,     NULL,                 false, 6
      NULL,               NULL,           made by hand,         false, 6
      NULL,               NULL,           NULL,                 true,  6
      extra-field-bytes,  NULL,           NULL,                 false, 6
      extra-field-bytes,  index.html,     a comment,            true,  9
      extra-field-bytes,  index.html,     a comment,            true,  0
      x,                  'n',            'c',                  true,  1
      ''                , ''            , ''                  , true,  6
      """)
  void aGzipMemberWithOptionalHeaderFieldsDecodes(String extra, String name, String comment, boolean headerCrc,
                                                 int level) throws IOException {
    byte[] data = Compressed.text(5000);
    byte[] gz = Compressed.gzipMember(data, level, extra == null ? null : extra.getBytes(StandardCharsets.US_ASCII),
        name, comment, headerCrc);
    try (GZIPInputStream jdk = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertArrayEquals(data, jdk.readAllBytes(), "the hand-made member is valid gzip (the JDK reads it)");
    }
    assertArrayEquals(data, decode(gz, "gzip", UNLIMITED));
  }

  @Test
  void concatenatedGzipMembersAreAllDecodedInOrder() {
    byte[] first = "first member; ".getBytes(StandardCharsets.US_ASCII);
    byte[] second = Compressed.text(100_000);
    byte[] third = "third, with header fields".getBytes(StandardCharsets.US_ASCII);
    byte[] gz = Compressed.concat(Compressed.gzip(first), Compressed.gzip(second),
        Compressed.gzipMember(third, 9, new byte[] {1, 2, 3}, "third.txt", "c", true));
    assertArrayEquals(Compressed.concat(first, second, third), decode(gz, "gzip", UNLIMITED));
  }

  @Test
  void anEmptyGzipMemberBetweenTwoOthersAddsNothing() {
    byte[] gz = Compressed.concat(Compressed.gzip("a".getBytes(StandardCharsets.US_ASCII)), Compressed.gzip(new byte[0]),
        Compressed.gzip("b".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("ab", new String(decode(gz, "gzip", UNLIMITED), StandardCharsets.US_ASCII));
  }

  @Test
  void theCapCountsTheDecodedBytesOfAllMembersTogether() {
    byte[] half = Compressed.text(600);
    byte[] gz = Compressed.concat(Compressed.gzip(half), Compressed.gzip(half));
    assertEquals(1200, decode(gz, "gzip", 1200).length);
    assertEquals(ErrorType.BODY_TOO_LARGE, failure(gz, "gzip", 1199).type());
  }

  @ParameterizedTest(name = "[{index}] {0}, {1} bytes")
  @CsvSource(textBlock = """
      # form: zlib = deflate with its zlib wrapper (new Deflater()), raw = without (new Deflater(level, true))
      zlib, 0
      zlib, 1
      zlib, 70000
      zlib, 2000000
      raw,  0
      raw,  1
      raw,  70000
      raw,  2000000
      """)
  void deflateDecodesWithAndWithoutTheZlibWrapper(String form, int size) {
    byte[] data = Compressed.text(size);
    assertArrayEquals(data, decode(encode(form, data), "deflate", UNLIMITED));
    assertArrayEquals(data, decode(encode(form, data), " DEFLATE ", UNLIMITED));
  }

  @ParameterizedTest(name = "[{index}] {0}, {1} bytes")
  @CsvSource(textBlock = """
      # form, decoded size (= max): 1 KiB and 64 KiB are where the gzip decoder's buffer starts or grows
      gzip, 1
      gzip, 1000
      gzip, 1023
      gzip, 1024
      gzip, 1025
      gzip, 4096
      gzip, 65536
      gzip, 65537
      gzip, 131072
      gzip, 1048576
      zlib, 1
      zlib, 1024
      zlib, 65536
      zlib, 65537
      zlib, 1048576
      raw,  1
      raw,  1024
      raw,  65536
      raw,  65537
      raw,  1048576
      """)
  void aDecodedSizeOfExactlyMaxPassesAndOneByteMoreIsBodyTooLarge(String form, int max) {
    byte[] exact = Compressed.text(max);
    assertArrayEquals(exact, decode(encode(form, exact), header(form), max));

    FetchError e = failure(encode(form, Compressed.text(max + 1)), header(form), max);
    assertEquals(ErrorType.BODY_TOO_LARGE, e.type());
    assertTrue(e.getMessage().contains("maxBodyBytes=" + max), e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"gzip", "zlib", "raw"})
  void aMaxOfZeroAcceptsOnlyAnEmptyBody(String form) {
    assertArrayEquals(new byte[0], decode(encode(form, new byte[0]), header(form), 0));
    assertEquals(ErrorType.BODY_TOO_LARGE, failure(encode(form, new byte[] {'x'}), header(form), 0).type());
  }

  /**
   * 1 GiB of zeros gzipped to about 1 MiB. With a 1 MiB cap the decoder must stop right after the first MiB: using
   * under 500 ms of this thread's CPU (a few ms are needed; inflating the whole GiB took 1.9 s where this was
   * written), measured as CPU time so that a loaded machine, which stretches only the wall time, cannot fail it; and
   * allocating (on this thread) and holding (on the heap) a few MiB, not a GiB.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // making the bomb streams 1 GiB through the deflater
  void aGzipBombStopsAtTheCapQuicklyAndWithoutFillingTheHeap() {
    byte[] bomb = Bomb.GIB_OF_ZEROS;
    assertTrue(bomb.length < 8 * MiB, "the bomb is small on the wire: " + bomb.length + " bytes");
    Buffer raw = Buffer.buffer(bomb);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    assumeTrue(threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled());
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = threads.getCurrentThreadCpuTime();

    FetchError e = assertThrows(FetchError.class, () -> Bodies.decode(raw, "gzip", MiB));

    long ms = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
    assertEquals(ErrorType.BODY_TOO_LARGE, e.type());
    assertTrue(e.getMessage().contains("maxBodyBytes=" + MiB), e.getMessage());
    assertTrue(ms < 500, "stopped after " + ms + " ms of CPU");
    // the compressed copy (~1 MiB) plus the output buffer's doublings up to 1 MiB + 1: well under 32 MiB
    assertTrue(allocated < 32 * MiB, "allocated " + allocated / MiB + " MiB while decoding");
    assertTrue(heapGrowth < 64 * MiB, "heap grew by " + heapGrowth / MiB + " MiB while decoding");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(textBlock = """
      # form, Content-Encoding
      gzip, gzip
      gzip, x-gzip
      zlib, deflate
      raw,  deflate
      """)
  void aBodyWithItsLast20BytesCutOffIsProtocol(String form, String encoding) {
    byte[] whole = encode(form, Compressed.text(50_000));
    byte[] cut = Arrays.copyOf(whole, whole.length - 20);
    FetchError e = failure(cut, encoding, UNLIMITED);
    assertEquals(ErrorType.PROTOCOL, e.type(), e.getMessage());
    assertTrue(e.getMessage().startsWith("corrupt"), e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # what, the body as hex
      plain text                                 | 6e6f7420677a697020617420616c6c
      an HTML page                               | 3c68746d6c3e3c2f68746d6c3e
      one byte                                   | 1f
      the magic number only                      | 1f8b
      a header cut short                         | 1f8b0800000000
      a header whose method is not deflate       | 1f8b0700000000000003ffff
      a whole header, then no data               | 1f8b0800000000000003
      a whole header, then garbage               | 1f8b0800000000000003ffffffffffffffffffff
      FNAME without its terminating zero         | 1f8b0808000000000003696e6465782e68746d6c
      FCOMMENT without its terminating zero      | 1f8b0810000000000003636f6d6d656e74
      FEXTRA longer than the body                | 1f8b0804000000000003ff7f0102
      FHCRC cut off                              | 1f8b080200000000000312
      """)
  void garbageDeclaredAsGzipIsProtocol(String what, String hex) {
    FetchError e = failure(HexFormat.of().parseHex(hex), "gzip", UNLIMITED);
    assertEquals(ErrorType.PROTOCOL, e.type(), what + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # what, the body as hex
      plain text                                 | 6e6f7420677a697020617420616c6c
      a zlib header, then garbage                | 789cffffffffffffffff
      """)
  void garbageDeclaredAsDeflateIsProtocol(String what, String hex) {
    FetchError e = failure(HexFormat.of().parseHex(hex), "deflate", UNLIMITED);
    assertEquals(ErrorType.PROTOCOL, e.type(), what + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] Content-Encoding ''{0}''")
  @ValueSource(strings = {"br", "zstd", "compress", "x-compress", "gzip, br", "gzip, gzip", "GZIP2"})
  void anUnsupportedEncodingIsProtocolAndTheMessageNamesIt(String encoding) {
    FetchError e = failure(Compressed.gzip(PAGE), encoding, UNLIMITED);
    assertEquals(ErrorType.PROTOCOL, e.type());
    assertTrue(e.getMessage().contains("'" + encoding + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("unsupported Content-Encoding"), e.getMessage());
  }

  /** An empty (or missing) body declared as gzip is not a gzip stream (RFC 1952 needs a 10-byte header): protocol. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"gzip", "x-gzip"})
  void anEmptyOrMissingBodyDeclaredAsGzipIsProtocol(String encoding) {
    assertEquals(ErrorType.PROTOCOL, failure(new byte[0], encoding, UNLIMITED).type());
    FetchError missing = assertThrows(FetchError.class, () -> Bodies.decode(null, encoding, UNLIMITED));
    assertEquals(ErrorType.PROTOCOL, missing.type());
  }

  /** An empty body declared as deflate is not a deflate stream either (it has no final block): protocol. */
  @Test
  void anEmptyBodyDeclaredAsDeflateIsProtocol() {
    assertEquals(ErrorType.PROTOCOL, failure(new byte[0], "deflate", UNLIMITED).type());
  }

  /**
   * The gzip inflater is kept per thread and reset between bodies: bodies of every size, with failures (corrupt,
   * truncated, over the cap) in between, decode correctly one after another on one thread.
   */
  @Test
  void oneThreadDecodingManyBodiesInARowGetsEachRight() {
    byte[] corrupt = Compressed.gzip(Compressed.text(20_000));
    Arrays.fill(corrupt, 30, 60, (byte) 0xA5);
    byte[] truncated = Arrays.copyOf(Compressed.gzip(Compressed.text(20_000)), 1000);
    for (int i = 0; i < 300; i++) {
      int size = (i * 7919) % 200_000;
      byte[] data = Compressed.text(size);
      switch (i % 5) {
        case 0 -> assertArrayEquals(data, decode(Compressed.gzip(data), "gzip", UNLIMITED), "body " + i);
        case 1 -> {
          assertEquals(ErrorType.PROTOCOL, failure(corrupt, "gzip", UNLIMITED).type(), "corrupt body " + i);
          assertArrayEquals(data, decode(Compressed.gzip(data), "gzip", UNLIMITED), "body " + i + " after it");
        }
        case 2 -> {
          assertEquals(ErrorType.PROTOCOL, failure(truncated, "gzip", UNLIMITED).type(), "truncated body " + i);
          assertArrayEquals(data, decode(Compressed.gzipMember(data, 1, null, "f", null, true), "gzip", UNLIMITED),
              "body " + i + " after it");
        }
        case 3 -> {
          byte[] big = Compressed.gzip(Compressed.text(size + 10));
          assertEquals(ErrorType.BODY_TOO_LARGE, failure(big, "gzip", size).type(), "too large body " + i);
          assertArrayEquals(data, decode(Compressed.gzip(data), "gzip", size), "body " + i + " after it");
        }
        default -> assertArrayEquals(Compressed.concat(data, PAGE),
            decode(Compressed.concat(Compressed.gzip(data), Compressed.gzip(PAGE)), "x-gzip", UNLIMITED), "body " + i);
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void severalThreadsDecodingAtOnceGetTheirOwnBodies() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        tasks.add(() -> {
          for (int i = 0; i < 100; i++) {
            byte[] data = (thread + ":" + i + ":" + new String(Compressed.text(1000 * (i + thread)),
                StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(data, decode(Compressed.gzip(data), "gzip", UNLIMITED), "thread " + thread + " body " + i);
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The trailer's CRC-32 is the check that the decoded bytes are the ones that were sent. */
  @Test
  void aGzipWhoseTrailerCrcDoesNotMatchIsProtocol() {
    byte[] gz = Compressed.gzip(Compressed.text(5000));
    gz[gz.length - 8] ^= 0x01;
    FetchError e = failure(gz, "gzip", UNLIMITED);
    assertEquals(ErrorType.PROTOCOL, e.type(), e.getMessage());
  }

  /** The trailer's ISIZE (decoded size mod 2^32) must match too. */
  @Test
  void aGzipWhoseTrailerSizeDoesNotMatchIsProtocol() {
    byte[] gz = Compressed.gzip(Compressed.text(5000));
    gz[gz.length - 4] ^= 0x01;
    FetchError e = failure(gz, "gzip", UNLIMITED);
    assertEquals(ErrorType.PROTOCOL, e.type(), e.getMessage());
  }

  /** A body cut inside its 8-byte trailer is a response that ended early, as a cut inside the data is. */
  @ParameterizedTest(name = "[{index}] last {0} bytes cut")
  @ValueSource(ints = {1, 4, 7, 8})
  void aGzipCutInsideItsTrailerIsProtocol(int cut) {
    byte[] gz = Compressed.gzip(Compressed.text(5000));
    FetchError e = failure(Arrays.copyOf(gz, gz.length - cut), "gzip", UNLIMITED);
    assertEquals(ErrorType.PROTOCOL, e.type(), e.getMessage());
  }

  /**
   * The config accepts any maxBodyBytes from 1 to Long.MAX_VALUE (FetchReader), so the largest one must mean "no
   * practical cap", not "nothing fits".
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"gzip", "zlib", "raw"})
  void theLargestMaxTheConfigAcceptsDoesNotRefuseEveryBody(String form) {
    assertArrayEquals(PAGE, decode(encode(form, PAGE), header(form), Long.MAX_VALUE));
  }

  @Test
  void aDeflaterAtEveryLevelIsReadBack() {
    byte[] data = Compressed.text(100_000);
    for (int level = Deflater.NO_COMPRESSION; level <= Deflater.BEST_COMPRESSION; level++) {
      byte[] gz = Compressed.gzipMember(data, level, null, null, null, false);
      assertArrayEquals(data, decode(gz, "gzip", data.length), "level " + level);
    }
  }
}
