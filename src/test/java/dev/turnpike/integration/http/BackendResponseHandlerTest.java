package dev.turnpike.integration.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BackendResponseHandler} without sockets. */
class BackendResponseHandlerTest {
  static {
    LeakRecorder.install();
  }

  private final BackendResponseHandler handler = new BackendResponseHandler();
  private final EmbeddedChannel channel = new EmbeddedChannel(handler);
  private final List<String> events = new ArrayList<>();

  @Test
  void channelRead_boundListener_receivesResponseAndHandlerReleasesIt() {
    handler.bind(recorder());
    FullHttpResponse response = response();

    channel.writeInbound(response);

    assertThat(events).containsExactly("response 204");
    assertThat(response.refCnt()).isZero();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void channelRead_noListener_closesConnectionAndReleasesResponse() {
    FullHttpResponse response = response();

    channel.writeInbound(response);

    assertThat(response.refCnt()).isZero();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void exceptionCaught_boundListener_reportsCause() {
    handler.bind(recorder());

    channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

    assertThat(events).containsExactly("error Connection reset by peer");
  }

  @Test
  void idleEvent_pooledUnusedConnection_isClosed() {
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void idleEvent_connectionInUse_staysOpen() {
    handler.bind(recorder());

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void channelInactive_boundListener_reportsClose() {
    handler.bind(recorder());

    channel.close();

    assertThat(events).containsExactly("closed");
  }

  private static FullHttpResponse response() {
    return new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.buffer(4).writeInt(1));
  }

  private ExchangeListener recorder() {
    return new ExchangeListener() {
      @Override
      public void onResponse(FullHttpResponse response) {
        events.add("response " + response.status().code());
      }

      @Override
      public void onClosed() {
        events.add("closed");
      }

      @Override
      public void onError(Throwable cause) {
        events.add("error " + cause.getMessage());
      }
    };
  }
}
