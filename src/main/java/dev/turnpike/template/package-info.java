/**
 * API Gateway mapping templates (VTL): compiling a template once and rendering it per request with
 * the {@code $input}, {@code $context}, {@code $stageVariables} and {@code $util} variables that
 * Amazon API Gateway documents, plus the {@code $context.responseOverride.*} values a template may
 * set.
 *
 * <p>Owns: {@link dev.turnpike.template.TemplateEngine}, {@link
 * dev.turnpike.template.CompiledTemplate}, the variables a template sees, the JSONPath subset of
 * {@code $input.json/path}, and the MOCK {@code statusCode} helper.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). It must not use Netty, {@code pipeline}, {@code snapshot} or {@code
 * store}: callers hand it plain values in a {@link dev.turnpike.template.TemplateInput}. Velocity
 * runs without resource loaders and with an allow-list uberspector.
 */
@NullMarked
package dev.turnpike.template;

import org.jspecify.annotations.NullMarked;
