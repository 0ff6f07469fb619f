package dev.scraper.config;

/**
 * What to extract for one field. The CSS selector has already been checked to compile with Jsoup.
 *
 * @param name the field name in the record's {@code fields}
 * @param css the CSS selector
 * @param attr the attribute to read (may start with {@code abs:}), or null for the text
 * @param all a list of every match instead of the first match
 * @param html inner HTML instead of text (ignored when attr is set)
 */
public record FieldSpec(String name, String css, String attr, boolean all, boolean html) {
}
