/**
 * What a crawl takes from a page: the links it may follow, made absolute, normalised and filtered by the job's
 * rules (scope, allow/deny, robots directives, trap guards), on the parse workers.
 */
package dev.scraper.filter;
