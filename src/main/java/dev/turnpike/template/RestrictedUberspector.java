package dev.turnpike.template;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.runtime.directive.Scope;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;
import org.jspecify.annotations.Nullable;

/**
 * Velocity introspection limited to the values a mapping template is given: strings, numbers,
 * booleans, characters, maps, collections and iterators, {@code $input}, {@code $util} and the
 * {@code $foreach} scope. Any other class is invisible to a template, as are {@code getClass()},
 * {@code .class}, {@code wait} and {@code notify} on every class, so a template cannot reach {@code
 * java.lang.Class}, {@code Runtime} or a class loader. On top of this, the restrictions of {@link
 * SecureUberspector} (reflection, {@code System}, {@code Runtime}, threads, ...) still apply.
 *
 * <p>Public only because Velocity instantiates uberspectors by class name; not part of the API.
 */
public final class RestrictedUberspector extends SecureUberspector {

  private static final Set<String> FORBIDDEN_METHODS =
      Set.of("getClass", "wait", "notify", "notifyAll", "finalize");

  private static final List<Class<?>> ALLOWED =
      List.of(
          String.class,
          Number.class,
          Boolean.class,
          Character.class,
          Map.class,
          Collection.class,
          Iterator.class,
          Map.Entry.class,
          InputVariable.class,
          UtilVariable.class,
          Scope.class);

  /** Called by Velocity. */
  public RestrictedUberspector() {}

  static boolean isAllowed(Class<?> type) {
    if (type.isArray()) {
      Class<?> component = type.getComponentType();
      return component.isPrimitive() || isAllowed(component);
    }
    for (Class<?> allowed : ALLOWED) {
      if (allowed.isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public @Nullable VelMethod getMethod(
      @Nullable Object obj, String methodName, Object[] args, Info i) {
    if (obj == null || !isAllowed(obj.getClass()) || FORBIDDEN_METHODS.contains(methodName)) {
      return null;
    }
    return super.getMethod(obj, methodName, args, i);
  }

  @Override
  public @Nullable VelPropertyGet getPropertyGet(@Nullable Object obj, String identifier, Info i) {
    if (obj == null || !isAllowed(obj.getClass())) {
      return null;
    }
    VelPropertyGet getter = super.getPropertyGet(obj, identifier, i);
    // $x.class and $x.Class resolve to getClass() through the bean-property executor
    if (getter != null && FORBIDDEN_METHODS.contains(getter.getMethodName())) {
      return null;
    }
    return getter;
  }

  @Override
  public @Nullable VelPropertySet getPropertySet(
      @Nullable Object obj, String identifier, @Nullable Object arg, Info i) {
    if (obj == null || !isAllowed(obj.getClass())) {
      return null;
    }
    return super.getPropertySet(obj, identifier, arg, i);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public @Nullable Iterator getIterator(@Nullable Object obj, Info i) {
    if (obj == null || !isAllowed(obj.getClass())) {
      return null;
    }
    return super.getIterator(obj, i);
  }
}
