/** The one URL parser and normaliser: every URL is checked, keyed and resolved by the same rules. */
package dev.scraper.url;
