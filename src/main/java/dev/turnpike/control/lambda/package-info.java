/**
 * The {@code lambda} control plane (REST-JSON, issue 17): {@link LambdaService#routes} registers
 * the function operations; {@link FunctionOperations} stores functions as {@code lambda-function}
 * documents, unpacks their code under the data directory and invokes them through {@link
 * dev.turnpike.lambda.LambdaInvoker}.
 */
@NullMarked
package dev.turnpike.control.lambda;

import org.jspecify.annotations.NullMarked;
