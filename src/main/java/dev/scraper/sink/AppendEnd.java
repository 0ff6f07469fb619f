package dev.scraper.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Where appended records go in an output that already holds some: after its last complete line. A last line
 * without its line feed is what a process killed half-way through a write leaves; it is cut off, so that the next
 * record starts a line of its own and every line stays one whole JSON object. Blocking: call off the event loop.
 */
final class AppendEnd {
  private static final int CHUNK = 8192;

  private AppendEnd() {
  }

  /** For each output (locked by the caller), its end after the cut, or -1 when it is not a regular file. */
  static long[] ofAll(List<Path> outputs) throws IOException {
    long[] ends = new long[outputs.size()];
    for (int i = 0; i < outputs.size(); i++) {
      Path out = outputs.get(i);
      try {
        ends[i] = Files.isRegularFile(out) ? cut(out) : -1;
      } catch (IOException | RuntimeException e) {
        throw new IOException("cannot open output '" + out + "': " + Outputs.reason(e), e);
      }
    }
    return ends;
  }

  /** Cuts a partial last line off {@code file}; returns the length left. */
  static long cut(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long end = size;
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      while (end > 0) {
        int n = (int) Math.min(CHUNK, end);
        buffer.clear().limit(n);
        long from = end - n;
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
          // read the whole chunk
        }
        for (int j = n - 1; j >= 0; j--) {
          if (buffer.get(j) == '\n') {
            long keep = from + j + 1;
            if (keep < size) {
              channel.truncate(keep);
            }
            return keep;
          }
        }
        end = from;
      }
      if (size > 0) {
        channel.truncate(0); // one partial line and nothing else
      }
      return 0;
    }
  }
}
