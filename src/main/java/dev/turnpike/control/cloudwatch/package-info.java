/**
 * The CloudWatch metrics subset (issue 23): ListMetrics and GetMetricStatistics for {@code
 * AWS/ApiGateway} over the request metrics' per-minute aggregates, in AWS JSON 1.0, the protocol
 * the AWS CLI speaks to CloudWatch.
 */
@NullMarked
package dev.turnpike.control.cloudwatch;

import org.jspecify.annotations.NullMarked;
