package dev.turnpike.snapshot;

import dev.turnpike.model.Authorizer;
import java.util.ArrayList;
import java.util.List;

/** Compiles an authorizer for tests of other packages (the compiler is package-private). */
public final class CompiledAuthorizerAccess {
  private CompiledAuthorizerAccess() {}

  public static CompiledAuthorizer compile(Authorizer a) {
    List<String> problems = new ArrayList<>();
    CompiledAuthorizer c = CompiledAuthorizer.compile(a, problems);
    if (c == null) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return c;
  }
}
