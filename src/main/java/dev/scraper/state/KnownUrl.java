package dev.scraper.state;

/**
 * A URL's last good answer in a job, as kept under dataDir for change detection: its fields (JSON) and validators.
 *
 * @param url the URL in its normal form
 * @param etag the ETag it sent, or null
 * @param lastModified the Last-Modified it sent, or null
 * @param fields the extracted fields, as a JSON object
 */
public record KnownUrl(String url, String etag, String lastModified, String fields) {
}
