/**
 * How REST API payloads are typed and encoded (issue 20, spec 11.3-11.4): an API's {@code
 * binaryMediaTypes} compiled once per deployment ({@link BinaryMediaTypes}), the first-{@code
 * Accept} rule, and response compression by {@code minimumCompressionSize} and {@code
 * Accept-Encoding} ({@link ContentCoding}, {@link ContentSettings}). No Netty, no snapshot: plain
 * values the snapshot holds and the request path asks.
 */
@NullMarked
package dev.turnpike.media;

import org.jspecify.annotations.NullMarked;
