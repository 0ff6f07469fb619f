package dev.scraper.extract;

import dev.scraper.config.FieldSpec;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;

/** All the fields of a job, compiled once; turns a parsed page into the record's {@code fields}. Thread-safe. */
public final class Extractor {
  private final List<FieldExtractor> fields;

  public Extractor(Map<String, FieldSpec> specs) {
    List<FieldExtractor> list = new ArrayList<>(specs.size());
    for (FieldSpec spec : specs.values()) {
      list.add(new FieldExtractor(spec));
    }
    this.fields = List.copyOf(list);
  }

  /** Whether there is no field to extract: the page need not be parsed. */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Field name to value, in config order; a missing match is null (or [] for a list). */
  public JsonObject extract(Document doc) {
    JsonObject out = new JsonObject();
    for (FieldExtractor f : fields) {
      out.put(f.name(), f.extract(doc));
    }
    return out;
  }
}
