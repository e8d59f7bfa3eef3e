package dev.turnpike.bench.jmh;

import dev.turnpike.model.Resource;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.routing.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route lookup: {@link ResourceTree#match} over a tree of 200 literal resources plus {@code /pets/{petId}/toys},
 * {@code /pets/{petId}} and a greedy {@code /files/{proxy+}}, for a literal hit, a parameter hit, a greedy hit and a
 * miss (the 403 Missing Authentication Token path).
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar RouteLookupBenchmark} (build: see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteLookupBenchmark {
  private ResourceTree<String> tree;

  @Setup
  public void setUp() {
    List<Resource> resources = new ArrayList<>();
    resources.add(new Resource("root", null, null, "/", null));
    for (int i = 0; i < 200; i++) {
      resources.add(new Resource("r" + i, "root", "res" + i, "/res" + i, null));
    }
    resources.add(new Resource("pets", "root", "pets", "/pets", null));
    resources.add(new Resource("pet", "pets", "{petId}", "/pets/{petId}", null));
    resources.add(new Resource("toys", "pet", "toys", "/pets/{petId}/toys", null));
    resources.add(new Resource("files", "root", "files", "/files", null));
    resources.add(new Resource("proxy", "files", "{proxy+}", "/files/{proxy+}", null));
    tree = ResourceTree.compile(resources, r -> r.id().equals("root") ? Map.of() : Map.of("GET", "GET " + r.path()));
  }

  @Benchmark
  public RouteMatch<String> literal() {
    return tree.match("GET", "/res150");
  }

  @Benchmark
  public RouteMatch<String> pathParameter() {
    return tree.match("GET", "/pets/42/toys");
  }

  @Benchmark
  public RouteMatch<String> greedyProxy() {
    return tree.match("GET", "/files/a/b/c.txt");
  }

  @Benchmark
  public RouteMatch<String> miss() {
    return tree.match("GET", "/nope/nothing");
  }
}
