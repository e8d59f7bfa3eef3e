/**
 * Lambda integrations of REST APIs (issue 17): {@code AWS_PROXY} with the payload 1.0 event and
 * AWS's response validation, the permission check, and the 5xx answers with their log lines.
 * Functions run through {@code lambda.LambdaInvoker}, never on an event loop.
 */
@NullMarked
package dev.turnpike.integration.lambda;

import org.jspecify.annotations.NullMarked;
