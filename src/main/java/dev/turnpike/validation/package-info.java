/**
 * Request validation of REST APIs (spec 6.8, 11.2), compiled once per deployment: a method's
 * required parameters and its body models by content type ({@link MethodValidation}), models as
 * JSON Schema draft 4 with {@code $ref}s between the API's models ({@link ApiModels}, {@link
 * BodySchema}), and the validator's error text in the wording AWS's validator prints ({@link
 * ValidationErrorText}). No Netty, no store: the snapshot compiles it and the request path asks it.
 */
@NullMarked
package dev.turnpike.validation;

import org.jspecify.annotations.NullMarked;
