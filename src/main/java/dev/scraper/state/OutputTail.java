package dev.scraper.state;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of an output file after a run was killed: the records written after the store's last checkpoint (their
 * URLs are done though the store does not know it yet), and a half-written last line, which is cut off. Blocking.
 */
final class OutputTail {
  private OutputTail() {
  }

  /**
   * Cuts a half-written last line off {@code out} and returns the {@code url} of every whole record from
   * {@code from} on; the channel is left at the (new) end.
   */
  static List<String> repair(FileChannel out, long from) throws IOException {
    long size = out.size();
    int length = (int) Math.min(Integer.MAX_VALUE - 16, size - from);
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining() && out.read(buf, from + buf.position()) >= 0) {
      // read on until the end
    }
    byte[] bytes = buf.array();
    int end = length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (from + end < size) {
      out.truncate(from + end);
    }
    out.position(from + end);
    List<String> urls = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
        start = i + 1;
        try {
          String url = new JsonObject(line).getString("url");
          if (url != null) {
            urls.add(url);
          }
        } catch (DecodeException | ClassCastException e) {
          // not a record of ours: nothing to mark done
        }
      }
    }
    return urls;
  }
}
