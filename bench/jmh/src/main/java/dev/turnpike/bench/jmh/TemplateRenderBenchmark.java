package dev.turnpike.bench.jmh;

import dev.turnpike.template.CompiledTemplate;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.template.TemplateException;
import dev.turnpike.template.TemplateInput;
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
 * Mapping-template rendering ({@code dev.turnpike.template}): a compiled VTL template rendered against a
 * small JSON body with {@code $input.json}, {@code $input.params}, {@code $context} and a {@code #foreach}; and the
 * MOCK integration's {@code {"statusCode": 200}} template. Compilation happens once per deployment, so only
 * rendering is measured.
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar TemplateRenderBenchmark} (build: see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TemplateRenderBenchmark {
  private CompiledTemplate mapping;
  private CompiledTemplate mock;
  private TemplateInput input;

  @Setup
  public void setUp() throws TemplateException {
    TemplateEngine engine = TemplateEngine.create();
    mapping = engine.compile("bench mapping", String.join("\n",
        "{",
        "  \"id\": \"$input.params('petId')\",",
        "  \"stage\": \"$context.stage\",",
        "  \"name\": $input.json('$.name'),",
        "  \"tags\": [#foreach($t in $input.path('$.tags'))\"$t\"#if($foreach.hasNext),#end#end]",
        "}"));
    mock = engine.compile("bench mock", "{\"statusCode\": 200}");
    input = new TemplateInput("{\"name\":\"rex\",\"tags\":[\"a\",\"b\",\"c\"]}", Map.of("petId", "42"),
        Map.of("limit", List.of("10")), Map.of("Accept", List.of("application/json")),
        Map.of("stage", "prod", "requestId", "c0ffee00-0000-4000-8000-000000000000"), Map.of());
    String out = mapping.render(input);
    if (!out.contains("\"42\"") || !out.contains("rex")) {
      throw new IllegalStateException("unexpected rendering: " + out);
    }
  }

  @Benchmark
  public String mappingTemplate() throws TemplateException {
    return mapping.render(input);
  }

  @Benchmark
  public String mockTemplate() throws TemplateException {
    return mock.render(input);
  }
}
