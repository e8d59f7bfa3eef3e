/**
 * The CloudWatch Logs subset (issue 23), JSON 1.1 with {@code X-Amz-Target:
 * Logs_20140328.<Operation>}: DescribeLogGroups, DescribeLogStreams, GetLogEvents and
 * FilterLogEvents over the log files Turnpike already writes (execution logs, Lambda function logs
 * and their rotated files), read on the control thread, never copied.
 */
@NullMarked
package dev.turnpike.control.logs;

import org.jspecify.annotations.NullMarked;
