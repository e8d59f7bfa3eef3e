package dev.turnpike.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Java Lambda handlers as a user writes them, compiled by the test itself against {@code
 * aws-lambda-java-core} (test class path) into a code directory laid out as an unzipped function.
 */
public final class JavaFunctions {
  /** {@code com.example.Handler::handleRequest}: a POJO {@code RequestHandler}. */
  public static final String HANDLER =
      String.join(
          "\n",
          "package com.example;",
          "import com.amazonaws.services.lambda.runtime.Context;",
          "import com.amazonaws.services.lambda.runtime.RequestHandler;",
          "import java.util.LinkedHashMap;",
          "import java.util.Map;",
          "public class Handler implements RequestHandler<Map<String, Object>, Map<String, Object>>"
              + " {",
          "  private static int invocations;",
          "  @Override",
          "  public Map<String, Object> handleRequest(Map<String, Object> event, Context context)"
              + " {",
          "    invocations++;",
          "    System.out.println(\"hello from java \" + context.getAwsRequestId());",
          "    if (event.containsKey(\"fail\")) {",
          "      throw new IllegalStateException(\"boom\");",
          "    }",
          "    if (event.containsKey(\"sleep\")) {",
          "      try { Thread.sleep(((Number) event.get(\"sleep\")).longValue()); }",
          "      catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
          "    }",
          "    Map<String, Object> out = new LinkedHashMap<>();",
          "    out.put(\"echo\", event);",
          "    out.put(\"invocations\", invocations);",
          "    out.put(\"awsRequestId\", context.getAwsRequestId());",
          "    out.put(\"functionName\", context.getFunctionName());",
          "    out.put(\"functionVersion\", context.getFunctionVersion());",
          "    out.put(\"invokedFunctionArn\", context.getInvokedFunctionArn());",
          "    out.put(\"memoryLimitInMB\", context.getMemoryLimitInMB());",
          "    out.put(\"logGroupName\", context.getLogGroupName());",
          "    out.put(\"remaining\", context.getRemainingTimeInMillis());",
          "    out.put(\"java\", System.getProperty(\"java.specification.version\"));",
          "    out.put(\"greeting\", com.example.lib.Greeter.greet(context.getFunctionName()));",
          "    try {",
          "      out.put(\"jni\","
              + " java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/proc/self/maps\"))",
          "          .stream().filter(l -> l.contains(\"libaws-lambda-jni\"))",
          "          .map(l -> l.substring(l.indexOf('/'))).findFirst().orElse(\"not loaded\"));",
          "    } catch (java.io.IOException e) {",
          "      out.put(\"jni\", e.toString());",
          "    }",
          "    return out;",
          "  }",
          "}",
          "");

  /**
   * {@code com.example.StreamHandler::handleRequest}: a {@code RequestStreamHandler}. Its {@code
   * LambdaLogger.log} ends with a newline: without AWS's telemetry descriptor the client writes
   * log() text to stdout as given, so the next output would continue the same line (as under AWS's
   * Runtime Interface Emulator).
   */
  public static final String STREAM_HANDLER =
      String.join(
          "\n",
          "package com.example;",
          "import com.amazonaws.services.lambda.runtime.Context;",
          "import com.amazonaws.services.lambda.runtime.RequestStreamHandler;",
          "import java.io.IOException;",
          "import java.io.InputStream;",
          "import java.io.OutputStream;",
          "import java.nio.charset.StandardCharsets;",
          "public class StreamHandler implements RequestStreamHandler {",
          "  @Override",
          "  public void handleRequest(InputStream in, OutputStream out, Context context)",
          "      throws IOException {",
          "    String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);",
          "    context.getLogger().log(\"stream handler got \" + event.length() + \" bytes\\n\");",
          "    out.write((\"{\\\"raw\\\":\" + event + \",\\\"function\\\":\\\"\"",
          "        + context.getFunctionName() + \"\\\"}\").getBytes(StandardCharsets.UTF_8));",
          "  }",
          "}",
          "");

  private JavaFunctions() {}

  /** A library class the handler uses, shipped as {@code lib/greeter.jar} in the zip. */
  public static final String GREETER =
      String.join(
          "\n",
          "package com.example.lib;",
          "public final class Greeter {",
          "  public static String greet(String name) { return \"hello \" + name; }",
          "}",
          "");

  /**
   * Compiles the handlers into {@code codeDir} ({@code com/example/*.class}) and the library they
   * use into {@code codeDir/lib/greeter.jar}: the layout AWS documents for a Java zip.
   */
  public static void compileInto(Path codeDir) throws IOException {
    Path src = Files.createTempDirectory("turnpike-java-fn-src");
    Path greeterClasses = Files.createTempDirectory("turnpike-java-fn-lib");
    Path greeter = Files.createDirectories(src.resolve("com/example/lib")).resolve("Greeter.java");
    Files.writeString(greeter, GREETER);
    javac(greeterClasses, coreJar().toString(), greeter);
    Path jar = Files.createDirectories(codeDir.resolve("lib")).resolve("greeter.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("com/example/lib/Greeter.class"));
      out.write(Files.readAllBytes(greeterClasses.resolve("com/example/lib/Greeter.class")));
      out.closeEntry();
    }
    Path handler = src.resolve("com/example/Handler.java");
    Files.writeString(handler, HANDLER);
    Path stream = src.resolve("com/example/StreamHandler.java");
    Files.writeString(stream, STREAM_HANDLER);
    javac(codeDir, coreJar() + ":" + jar, handler, stream);
  }

  private static void javac(Path out, String classPath, Path... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-cp", classPath, "-d"));
    args.add(out.toString());
    for (Path s : sources) {
      args.add(s.toString());
    }
    int status = javac.run(null, null, null, args.toArray(new String[0]));
    if (status != 0) {
      throw new IllegalStateException("javac failed: " + status);
    }
  }

  /** Where {@code aws-lambda-java-core} is on the test class path. */
  static Path coreJar() {
    try {
      return Path.of(
          RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The compiled files and jars under {@code codeDir}, for zipping. */
  public static List<Path> files(Path codeDir) {
    try (var s = Files.walk(codeDir)) {
      return s.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
