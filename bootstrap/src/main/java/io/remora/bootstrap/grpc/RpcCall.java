package io.remora.bootstrap.grpc;

/** One gRPC call in flight: when it started, its method, and the status a server closed it with. */
final class RpcCall {

    static final int NOT_CLOSED = -1;

    final long startNanos;
    final RpcMethod method;
    /** Written by the thread that closes a server call, read by the one its stream's end runs on. */
    volatile int closedWith = NOT_CLOSED;

    RpcCall(long startNanos, RpcMethod method) {
        this.startNanos = startNanos;
        this.method = method;
    }
}
