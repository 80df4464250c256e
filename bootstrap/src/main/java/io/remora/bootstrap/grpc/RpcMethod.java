package io.remora.bootstrap.grpc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code rpc_service} and {@code rpc_method} of a gRPC full method name ({@code shop.Orders/Place}),
 * split at its last '/' as OpenTelemetry's grpc-1.6 instrumentation does (no '/': both empty, its
 * absent attributes). Split once per name: a method descriptor's name is a constant of the
 * application's code, so looking it up again allocates nothing.
 */
final class RpcMethod {

    /** Past this many names, new ones are split at every call (the histograms' cap bounds the series). */
    private static final int MAX_CACHED = 2000;
    private static final ConcurrentHashMap<String, RpcMethod> SPLIT = new ConcurrentHashMap<>();

    final String service;
    final String method;

    private RpcMethod(String service, String method) {
        this.service = service;
        this.method = method;
    }

    static RpcMethod of(String fullMethodName) {
        if (fullMethodName == null) {
            return new RpcMethod("", "");
        }
        RpcMethod known = SPLIT.get(fullMethodName);
        if (known != null) {
            return known;
        }
        int slash = fullMethodName.lastIndexOf('/');
        RpcMethod split = slash < 0 ? new RpcMethod("", "")
                : new RpcMethod(fullMethodName.substring(0, slash), fullMethodName.substring(slash + 1));
        if (SPLIT.size() < MAX_CACHED) {
            SPLIT.putIfAbsent(fullMethodName, split);
        }
        return split;
    }
}
