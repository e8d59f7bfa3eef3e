/**
 * Request metrics (issue 23): per API and stage counters and latency histograms recorded when an
 * exchange finishes ({@link dev.turnpike.observe.metrics.RequestMetrics}, the request path's {@link
 * dev.turnpike.pipeline.ExchangeObserver}), rendered by {@link dev.turnpike.observe.Metrics}.
 */
@NullMarked
package dev.turnpike.observe.metrics;

import org.jspecify.annotations.NullMarked;
