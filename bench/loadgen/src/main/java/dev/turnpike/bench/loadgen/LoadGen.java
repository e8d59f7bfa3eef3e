package dev.turnpike.bench.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A fixed-rate (open-loop) HTTP/1.1 load generator: sends GET requests at a constant rate over N keep-alive
 * connections and reports latency percentiles corrected for coordinated omission.
 *
 * <p>Implementation notes: request {@code i} is due at {@code t0 + i / rate}, whatever happened before. Due requests
 * wait in a FIFO until a connection is idle (no pipelining), and a request's latency is measured from the time it was
 * <em>due</em>, not from the time it was written: a server that stalls is charged for every request that should have
 * been sent during the stall (Gil Tene's coordinated omission). Everything runs on one event loop thread, so the
 * state below needs no synchronization. With the native epoll transport Netty's timers have sub-millisecond
 * resolution; the tool says which transport it used.
 *
 * <p>Output: one JSON object on stdout. Exit status 0 even when errors occurred; the caller judges the numbers.
 *
 * <pre>
 * java -jar bench/loadgen/target/loadgen.jar --url http://127.0.0.1:8080/prod/bench \
 *     --host abc.execute-api.us-east-1.localhost --rate 10000 --duration 60 --warmup 5 --connections 50
 * </pre>
 */
public final class LoadGen {
  private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Options opt;
  private final ByteBuf request;
  private final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
  private final LongQueue due = new LongQueue();
  private final ArrayDeque<Conn> idle = new ArrayDeque<>();
  private final List<Conn> conns = new ArrayList<>();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private EventLoop loop;
  private Bootstrap bootstrap;
  private long t0;
  private long measureFrom;
  private long total;
  private long issued;
  private long completed;
  private long measuredCompleted;
  private long non2xx;
  private long socketErrors;
  private boolean stopping;

  private LoadGen(Options opt) {
    this.opt = opt;
    String req = "GET " + opt.path + " HTTP/1.1\r\nHost: " + opt.host + "\r\nUser-Agent: turnpike-bench-loadgen\r\n"
        + "Accept: */*\r\n\r\n";
    this.request = Unpooled.directBuffer().writeBytes(req.getBytes(StandardCharsets.US_ASCII));
  }

  public static void main(String[] args) throws Exception {
    Options opt = Options.parse(args);
    System.out.println(new LoadGen(opt).run());
  }

  private String run() throws Exception {
    boolean epoll = Epoll.isAvailable() && !opt.nio;
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, factory);
    try {
      loop = group.next();
      bootstrap = new Bootstrap().group(loop)
          .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
            }
          });
      for (int i = 0; i < opt.connections; i++) {
        Conn c = new Conn();
        conns.add(c);
        c.connect().sync();
      }
      total = (long) Math.ceil(opt.rate * (opt.warmupSeconds + opt.durationSeconds));
      loop.execute(() -> {
        t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        measureFrom = dueAt(ratePosition(opt.warmupSeconds));
        idle.addAll(conns);
        tick();
      });
      long budget = (long) ((opt.warmupSeconds + opt.durationSeconds + opt.drainSeconds) * 1000) + 5000;
      try {
        finished.get(budget, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // Reported below as timeouts: the requests that never completed.
      }
      CompletableFuture<String> report = new CompletableFuture<>();
      loop.execute(() -> {
        stopping = true;
        report.complete(report(epoll));
        for (Conn c : conns) {
          if (c.channel != null) {
            c.channel.close();
          }
        }
      });
      return report.get(10, TimeUnit.SECONDS);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      request.release();
    }
  }

  private long ratePosition(double seconds) {
    return (long) Math.ceil(seconds * opt.rate);
  }

  private long dueAt(long i) {
    return t0 + (long) (i * 1e9 / opt.rate);
  }

  /** Moves every request that is due into the queue, dispatches, and schedules itself for the next due time. */
  private void tick() {
    if (stopping) {
      return;
    }
    long now = System.nanoTime();
    while (issued < total && dueAt(issued) <= now) {
      due.add(dueAt(issued));
      issued++;
    }
    dispatch();
    if (issued < total) {
      loop.schedule(this::tick, Math.max(0, dueAt(issued) - System.nanoTime()), TimeUnit.NANOSECONDS);
    } else {
      long drainDeadline = (long) (opt.drainSeconds * 1000);
      loop.schedule(() -> finished.complete(null), drainDeadline, TimeUnit.MILLISECONDS);
      checkDone();
    }
  }

  private void dispatch() {
    while (!due.isEmpty() && !idle.isEmpty()) {
      Conn c = idle.poll();
      c.send(due.poll());
    }
  }

  private void checkDone() {
    if (issued == total && completed == total) {
      finished.complete(null);
    }
  }

  private void completed(Conn c, long dueNanos, boolean ok) {
    long now = System.nanoTime();
    completed++;
    if (dueNanos >= measureFrom) {
      measuredCompleted++;
      histogram.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, now - dueNanos)));
    }
    if (!ok) {
      non2xx++;
    }
    idle.add(c);
    dispatch();
    checkDone();
  }

  private String report(boolean epoll) {
    long timeouts = total - completed;
    double window = opt.durationSeconds;
    return String.format(Locale.ROOT,
        "{\"transport\":\"%s\",\"rate\":%.1f,\"connections\":%d,\"warmup_s\":%.1f,\"duration_s\":%.1f,"
            + "\"sent\":%d,\"completed\":%d,\"measured\":%d,\"achieved_rps\":%.1f,\"non2xx\":%d,"
            + "\"socket_errors\":%d,\"timeouts\":%d,\"errors\":%d,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,"
            + "\"p999_us\":%.1f,\"max_us\":%.1f,\"mean_us\":%.1f}",
        epoll ? "epoll" : "nio", opt.rate, opt.connections, opt.warmupSeconds, opt.durationSeconds,
        issued, completed, measuredCompleted, measuredCompleted / window, non2xx, socketErrors, timeouts,
        non2xx + socketErrors + timeouts,
        us(histogram.getValueAtPercentile(50)), us(histogram.getValueAtPercentile(90)),
        us(histogram.getValueAtPercentile(99)), us(histogram.getValueAtPercentile(99.9)),
        us(histogram.getMaxValue()), histogram.getTotalCount() == 0 ? 0.0 : histogram.getMean() / 1000.0);
  }

  private static double us(long nanos) {
    return nanos / 1000.0;
  }

  /** One keep-alive connection; at most one request in flight. */
  private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
    Channel channel;
    long inFlightDue = -1;

    ChannelFuture connect() {
      ChannelFuture f = bootstrap.connect(opt.address, opt.port);
      channel = f.channel();
      f.addListener(done -> {
        if (done.isSuccess()) {
          channel.pipeline().addLast(this);
        }
      });
      return f;
    }

    void send(long dueNanos) {
      inFlightDue = dueNanos;
      channel.writeAndFlush(request.retainedDuplicate()).addListener(f -> {
        if (!f.isSuccess()) {
          channel.close();
        }
      });
    }

    @Override
    public boolean isSharable() {
      return true; // re-added to the new channel after a reconnect; one channel at a time
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (inFlightDue < 0) {
        return;
      }
      long d = inFlightDue;
      inFlightDue = -1;
      int status = response.status().code();
      completed(this, d, status >= 200 && status < 300);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (stopping) {
        return;
      }
      socketErrors++;
      long d = inFlightDue;
      inFlightDue = -1;
      idle.remove(this);
      if (d >= 0) {
        // The request is lost: count it as completed (with its error) so the run can end.
        completed++;
        checkDone();
      }
      connect().addListener(f -> {
        if (f.isSuccess()) {
          idle.add(this);
          dispatch();
        }
      });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** A growable ring buffer of longs (due times), so that queueing allocates nothing per request. */
  private static final class LongQueue {
    private long[] items = new long[1024];
    private int head;
    private int size;

    boolean isEmpty() {
      return size == 0;
    }

    void add(long v) {
      if (size == items.length) {
        long[] bigger = new long[items.length * 2];
        for (int i = 0; i < size; i++) {
          bigger[i] = items[(head + i) % items.length];
        }
        items = bigger;
        head = 0;
      }
      items[(head + size) % items.length] = v;
      size++;
    }

    long poll() {
      long v = items[head];
      head = (head + 1) % items.length;
      size--;
      return v;
    }
  }

  /** Command-line options. */
  static final class Options {
    String address;
    int port;
    String path;
    String host;
    double rate = 1000;
    double durationSeconds = 10;
    double warmupSeconds = 0;
    double drainSeconds = 10;
    int connections = 16;
    boolean nio;

    static Options parse(String[] args) {
      Options o = new Options();
      String url = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--url" -> url = args[++i];
          case "--host" -> o.host = args[++i];
          case "--rate" -> o.rate = Double.parseDouble(args[++i]);
          case "--duration" -> o.durationSeconds = Double.parseDouble(args[++i]);
          case "--warmup" -> o.warmupSeconds = Double.parseDouble(args[++i]);
          case "--drain" -> o.drainSeconds = Double.parseDouble(args[++i]);
          case "--connections" -> o.connections = Integer.parseInt(args[++i]);
          case "--nio" -> o.nio = true;
          default -> throw usage("unknown option: " + a);
        }
      }
      if (url == null) {
        throw usage("--url is required");
      }
      URI u = URI.create(url);
      if (!"http".equals(u.getScheme())) {
        throw usage("--url: only http:// is supported, got " + url);
      }
      o.address = u.getHost();
      o.port = u.getPort() < 0 ? 80 : u.getPort();
      o.path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      if (u.getRawQuery() != null) {
        o.path += "?" + u.getRawQuery();
      }
      if (o.host == null) {
        o.host = u.getAuthority();
      }
      if (o.rate <= 0 || o.durationSeconds <= 0 || o.connections <= 0) {
        throw usage("--rate, --duration and --connections must be positive");
      }
      return o;
    }

    private static IllegalArgumentException usage(String message) {
      return new IllegalArgumentException(message + "\nusage: loadgen --url http://127.0.0.1:PORT/PATH [--host HOST] "
          + "[--rate RPS] [--duration SEC] [--warmup SEC] [--drain SEC] [--connections N] [--nio]");
    }
  }
}
