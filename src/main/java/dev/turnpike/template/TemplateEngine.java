package dev.turnpike.template;

import static java.util.Objects.requireNonNull;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.velocity.Template;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/**
 * Compiles API Gateway mapping templates (VTL) with a locked-down Apache Velocity runtime.
 *
 * <p>Implementation notes. API Gateway runs templates on Velocity with these documented limits
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html, spec 6.8): a template
 * is at most 300 KB and {@code #foreach} stops after 1,000 iterations. We configure Velocity 2.x
 * as:
 *
 * <ul>
 *   <li>no resource loader that can read anything ({@code #parse}/{@code #include} are refused at
 *       compile time, and fail at render time if built through {@code #evaluate});
 *   <li>{@link RestrictedUberspector}: only the objects we expose are introspectable;
 *   <li>{@code directive.foreach.max_loops = 1000}; Velocity ends the loop silently, which we
 *       assume API Gateway does too ([UNCONF]);
 *   <li>Velocity 1.7 compatibility, since AWS templates are written against 1.7: {@code
 *       parser.space_gobbling = bc} and {@code directive.if.empty_check = false} (only {@code null}
 *       and {@code false} are false in {@code #if});
 *   <li>{@code #macro} definitions are local to their template, so one API's templates cannot
 *       change another's;
 *   <li>references that resolve to nothing render as nothing, not as their source text (see {@link
 *       CompiledTemplate}).
 * </ul>
 *
 * <p>One engine is meant to live as long as the gateway; it is thread-safe.
 */
public final class TemplateEngine {

  /** API Gateway's limit on the size of one mapping template: 300 KB. */
  public static final int MAX_TEMPLATE_BYTES = 300 * 1024;

  /** API Gateway's limit on the iterations of one {@code #foreach}. */
  public static final int MAX_FOREACH_ITERATIONS = 1000;

  private static final Set<String> REFUSED_DIRECTIVES = Set.of("parse", "include");

  private final RuntimeInstance velocity;

  private TemplateEngine(RuntimeInstance velocity) {
    this.velocity = velocity;
  }

  /** Creates an engine with the safe configuration described in the class notes. */
  public static TemplateEngine create() {
    RuntimeInstance velocity = new RuntimeInstance();
    velocity.setProperty(RuntimeConstants.RESOURCE_LOADERS, "none");
    velocity.setProperty("resource.loader.none.instance", new NoResourceLoader());
    velocity.setProperty(
        RuntimeConstants.UBERSPECT_CLASSNAME, RestrictedUberspector.class.getName());
    velocity.setProperty(RuntimeConstants.MAX_NUMBER_LOOPS, MAX_FOREACH_ITERATIONS);
    velocity.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
    velocity.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, false);
    velocity.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, false);
    velocity.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, false);
    // a #macro stays inside the template that defines it; templates of other APIs never see it
    velocity.setProperty(RuntimeConstants.VM_PERM_INLINE_LOCAL, true);
    velocity.init();
    return new TemplateEngine(velocity);
  }

  /**
   * Compiles once; a {@link CompiledTemplate} is immutable and thread-safe, rendered many times.
   *
   * @param name a name for messages, e.g. {@code "GET /pets/{id} integration request
   *     application/json"}
   * @param source the VTL text
   * @throws TemplateException if the template is too large, is not valid VTL, or uses {@code
   *     #parse}/{@code #include}
   */
  public CompiledTemplate compile(String name, String source) throws TemplateException {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    int bytes = source.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_TEMPLATE_BYTES) {
      throw new TemplateException(
          "template '" + name + "': " + bytes + " bytes (expected: <= " + MAX_TEMPLATE_BYTES + ")");
    }
    Template template = new Template();
    template.setName(name);
    template.setRuntimeServices(velocity);
    try {
      Node root = velocity.parse(new StringReader(source), template);
      refuseIncludes(name, root);
      template.setData(root);
      template.initDocument();
    } catch (ParseException e) {
      throw Errors.syntax(name, new ParseErrorException(e, name));
    } catch (ParseErrorException e) {
      throw Errors.syntax(name, e);
    } catch (VelocityException e) {
      throw new TemplateException(
          "template '" + name + "': " + Errors.firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      // Velocity's own bugs on malformed input, e.g. NumberFormatException for "#set($x =#201)"
      // (found by TemplateFuzzTest, issue 22): a refused template, never an escaping exception.
      throw new TemplateException(
          "template '" + name + "': " + Errors.firstLine(e.getMessage()), e);
    }
    return new CompiledTemplate(name, template);
  }

  private static void refuseIncludes(String name, Node node) throws TemplateException {
    if (node instanceof ASTDirective directive
        && REFUSED_DIRECTIVES.contains(directive.getDirectiveName())) {
      throw new TemplateException(
          "template '"
              + name
              + "' line "
              + node.getFirstToken().beginLine
              + ", column "
              + node.getFirstToken().beginColumn
              + ": #"
              + directive.getDirectiveName()
              + " is not supported (mapping templates cannot load other templates)");
    }
    for (int i = 0; i < node.jjtGetNumChildren(); i++) {
      refuseIncludes(name, node.jjtGetChild(i));
    }
  }

  /** A resource loader that finds nothing: templates are only ever compiled from strings. */
  private static final class NoResourceLoader extends ResourceLoader {
    @Override
    public void init(ExtProperties configuration) {}

    @Override
    public Reader getResourceReader(String source, String encoding) {
      throw new ResourceNotFoundException(
          "'" + source + "': mapping templates cannot load other templates");
    }

    @Override
    public boolean isSourceModified(Resource resource) {
      return false;
    }

    @Override
    public long getLastModified(Resource resource) {
      return 0;
    }
  }
}
