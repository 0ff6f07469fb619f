/** An offline demo shop served by the project itself, so the demo job and its tests never leave this machine. */
package dev.scraper.demo;
