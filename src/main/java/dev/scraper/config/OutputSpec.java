package dev.scraper.config;

import java.nio.file.Path;

/**
 * Where a job's records go.
 *
 * @param path absolute, normalised path inside the config's output directory
 * @param format "jsonl"
 * @param onlyChanged write only records whose fields changed since the last run
 */
public record OutputSpec(Path path, String format, boolean onlyChanged) {
}
