/**
 * Lambda (TOKEN, REQUEST) and Cognito user-pool authorizers of REST APIs (issue 18, spec 8): the
 * stage that runs them on the request path, the identity sources, the events sent to the function,
 * the result's validation, the result cache and AWS's 401/403/500 refusals.
 */
@NullMarked
package dev.turnpike.authorizer;

import org.jspecify.annotations.NullMarked;
