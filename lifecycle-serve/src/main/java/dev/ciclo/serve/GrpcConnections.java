package dev.ciclo.serve;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * gRPC's transport with a cap on open connections, which grpc-netty has no setting for: at
 * {@code max} open connections the listening socket stops accepting (auto-read off, as Jetty's
 * {@code NetworkConnectionLimit} does for REST) and accepts again when one closes, so further
 * connections wait in the kernel's accept backlog and hold no file descriptor of the process.
 * Epoll stops accepting at once; NIO is made to accept one connection per wake-up (it would
 * accept 16 before the pause could act). A connection accepted past the cap all the same is
 * closed at once.
 *
 * <p>grpc-netty takes a channel type only with event loops of the same transport, so this owns
 * them: the transport gRPC picks by default (epoll where Netty's native library loads, else
 * NIO), one accepting thread and Netty's default number of I/O threads, as gRPC's own shared
 * loops have. {@link #close} stops them once the gRPC server has terminated.
 */
final class GrpcConnections implements AutoCloseable {
  private final int max;
  private final boolean epoll;
  private final Supplier<ServerChannel> channels;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;

  /** On the transport gRPC would pick: epoll where it is available, else NIO. */
  GrpcConnections(int max) {
    this(max, Epoll.isAvailable());
  }

  /** On epoll or NIO (tests run both). */
  GrpcConnections(int max, boolean epoll) {
    this.max = max;
    this.epoll = epoll;
    this.channels = epoll ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.boss = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("ciclo-grpc-accept", true), io);
    this.workers = new MultiThreadIoEventLoopGroup(0,
        new DefaultThreadFactory("ciclo-grpc-io", true), io);
  }

  /** A gRPC server builder listening on {@code address} through this transport and its cap. */
  NettyServerBuilder serverBuilder(SocketAddress address) {
    return NettyServerBuilder.forAddress(address).bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers).channelFactory(() -> {
          ServerChannel c = channels.get();
          // first in the listening channel's pipeline: before gRPC's acceptor registers the child
          c.pipeline().addLast(new Cap(max));
          if (!epoll) {
            c.config().setRecvByteBufAllocator(
                new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1));
          }
          return c;
        });
  }

  @Override
  public void close() {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Counts one listening channel's accepted connections until each closes. */
  private static final class Cap extends ChannelInboundHandlerAdapter {
    private final int max;
    /** Guarded by this: accepts run on the accepting thread, closes on the I/O threads. */
    private int open;

    Cap(int max) {
      this.max = max;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Channel child = (Channel) msg;
      Channel server = ctx.channel();
      synchronized (this) {
        if (open >= max) {
          // Accepted while paused: by a read that a close asked for just before the accept that
          // paused, or by Netty's acceptor turning auto-read back on a second after an accept
          // error. Not registered yet, so closed as that acceptor closes a child it cannot
          // register.
          child.unsafe().closeForcibly();
          return;
        }
        if (++open == max) {
          server.config().setAutoRead(false);
        }
      }
      child.closeFuture().addListener(f -> {
        synchronized (this) {
          if (open-- == max) {
            server.config().setAutoRead(true);
          }
        }
      });
      ctx.fireChannelRead(child);
    }
  }
}
