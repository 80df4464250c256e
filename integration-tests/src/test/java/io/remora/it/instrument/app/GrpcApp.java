package io.remora.it.instrument.app;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A gRPC server and a client of it in one JVM, over loopback with grpc-netty-shaded, methods built
 * by hand (UTF-8 strings, no protoc), an exact number of calls: with the blocking stub
 * {@value #PLACED} {@code shop.Orders/Place} answered OK and {@value #NOT_FOUND} answered NOT_FOUND,
 * {@value #FAILED} {@code Fail} whose handler throws, one server-streaming {@code Track} of
 * {@value #TRACKED} messages, one {@code Hang} that the server never answers, cut by a deadline of
 * {@value #DEADLINE_MS} ms, one {@code Nope} that the server does not know, one {@code Hang} the client
 * cancels once the server's handler has it (a plain {@code ClientCall}); with the async stub
 * {@value #ASYNC} {@code Place} answered OK. Prints what it saw, with the status codes it got.
 */
public final class GrpcApp {

    public static final String SERVICE = "shop.Orders";
    public static final int PLACED = 5;
    public static final int NOT_FOUND = 3;
    public static final int FAILED = 2;
    public static final int TRACKED = 3;
    public static final int ASYNC = 4;
    public static final int DEADLINE_MS = 300;

    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<String>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final String CANCEL_ME = "cancel-me";
    private static final CountDownLatch HANDLING_CANCEL_ME = new CountDownLatch(1);

    static final MethodDescriptor<String, String> PLACE = method("Place", MethodType.UNARY);
    static final MethodDescriptor<String, String> FAIL = method("Fail", MethodType.UNARY);
    static final MethodDescriptor<String, String> TRACK = method("Track", MethodType.SERVER_STREAMING);
    static final MethodDescriptor<String, String> HANG = method("Hang", MethodType.UNARY);
    static final MethodDescriptor<String, String> NOPE = method("Nope", MethodType.UNARY);

    private GrpcApp() {
    }

    private static MethodDescriptor<String, String> method(String name, MethodType type) {
        return MethodDescriptor.newBuilder(UTF8, UTF8).setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name)).build();
    }

    public static void main(String[] args) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                InsecureServerCredentials.create()).addService(orders()).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()),
                InsecureChannelCredentials.create()).build();
        Gate.await(args[0]);

        int placed = 0;
        for (int i = 0; i < PLACED; i++) {
            placed += ClientCalls.blockingUnaryCall(channel, PLACE, CallOptions.DEFAULT, "order-" + i)
                    .equals("placed order-" + i) ? 1 : 0;
        }
        String notFound = codes(channel, PLACE, NOT_FOUND, CallOptions.DEFAULT, "missing");
        String failed = codes(channel, FAIL, FAILED, CallOptions.DEFAULT, "x");
        int tracked = 0;
        for (Iterator<String> it = ClientCalls.blockingServerStreamingCall(channel, TRACK, CallOptions.DEFAULT, "o");
                it.hasNext(); it.next()) {
            tracked++;
        }
        String hung = codes(channel, HANG, 1, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS),
                "x");
        String unknown = codes(channel, NOPE, 1, CallOptions.DEFAULT, "x");
        String cancelled = cancelOnceTheServerHasIt(channel);

        CountDownLatch done = new CountDownLatch(ASYNC);
        AtomicInteger answered = new AtomicInteger();
        for (int i = 0; i < ASYNC; i++) {
            ClientCalls.asyncUnaryCall(channel.newCall(PLACE, CallOptions.DEFAULT), "async-" + i,
                    new StreamObserver<String>() {
                        @Override
                        public void onNext(String value) {
                            answered.incrementAndGet();
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.countDown();
                        }

                        @Override
                        public void onCompleted() {
                            done.countDown();
                        }
                    });
        }
        boolean allDone = done.await(30, TimeUnit.SECONDS);

        channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        server.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("placed " + placed + " not-found " + notFound + " failed " + failed + " tracked "
                + tracked + " deadline " + hung + " unknown " + unknown + " cancelled " + cancelled
                + " async " + answered + (allDone ? "" : " (not all done)"));
    }

    /** A {@code Hang} that the client cancels once the server's handler has it: the status it closed with. */
    private static String cancelOnceTheServerHasIt(ManagedChannel channel) throws InterruptedException {
        ClientCall<String, String> call = channel.newCall(HANG, CallOptions.DEFAULT);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Status> status = new AtomicReference<>();
        call.start(new ClientCall.Listener<String>() {
            @Override
            public void onClose(Status end, Metadata trailers) {
                status.set(end);
                closed.countDown();
            }
        }, new Metadata());
        call.sendMessage(CANCEL_ME);
        call.halfClose();
        call.request(1);
        if (!HANDLING_CANCEL_ME.await(30, TimeUnit.SECONDS)) {
            return "never-reached-the-server";
        }
        call.cancel("no longer needed", null);
        return closed.await(30, TimeUnit.SECONDS) ? status.get().getCode().toString() : "never-closed";
    }

    /** {@code times} blocking calls expected to fail: the status codes they failed with. */
    private static String codes(ManagedChannel channel, MethodDescriptor<String, String> method, int times,
            CallOptions options, String request) {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < times; i++) {
            try {
                ClientCalls.blockingUnaryCall(channel, method, options, request);
                seen.append("OK,");
            } catch (StatusRuntimeException e) {
                seen.append(e.getStatus().getCode()).append(',');
            }
        }
        return seen.substring(0, seen.length() - 1);
    }

    /** The server's service: Place answers or says NOT_FOUND, Fail throws, Track streams, Hang never answers. */
    private static ServerServiceDefinition orders() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(PLACE, ServerCalls.asyncUnaryCall((String request, StreamObserver<String> response) -> {
                    if (request.startsWith("missing")) {
                        response.onError(Status.NOT_FOUND.withDescription(request).asRuntimeException());
                    } else {
                        response.onNext("placed " + request);
                        response.onCompleted();
                    }
                }))
                .addMethod(FAIL, ServerCalls.asyncUnaryCall((String request, StreamObserver<String> response) -> {
                    throw new IllegalStateException("the handler fails");
                }))
                .addMethod(TRACK, ServerCalls.asyncServerStreamingCall(
                        (String request, StreamObserver<String> response) -> {
                            for (int i = 0; i < TRACKED; i++) {
                                response.onNext("step " + i);
                            }
                            response.onCompleted();
                        }))
                .addMethod(HANG, ServerCalls.asyncUnaryCall((String request, StreamObserver<String> response) -> {
                    // never answers: the client's deadline or cancel ends the call
                    if (request.equals(CANCEL_ME)) {
                        HANDLING_CANCEL_ME.countDown();
                    }
                }))
                .build();
    }
}
