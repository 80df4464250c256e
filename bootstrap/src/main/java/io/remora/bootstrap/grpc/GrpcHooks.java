package io.remora.bootstrap.grpc;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.WeakIdentityMap;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramFamily;

/**
 * What the advice in grpc-core's call classes calls: {@code rpc_server_duration_seconds} and
 * {@code rpc_client_duration_seconds{rpc_system="grpc",rpc_service,rpc_method,rpc_grpc_status_code}},
 * each call once, from its start to its close, whatever thread closes it. The call object is the key
 * (weakly held: a call never closed goes with it), since advice cannot add fields to a class.
 *
 * <p>Status codes as OpenTelemetry's grpc-1.6 instrumentation reports them: a client call with the
 * status its listener is closed with, or UNKNOWN (2) when {@code start} threw; a server call with the
 * status it closed with once its stream completes, CANCELLED (1) when the stream ended otherwise
 * (the client cancelled, a deadline, a reset), UNKNOWN (2) when the application's listener threw
 * (grpc-core cancels the stream with UNKNOWN and that exception as cause). A method the server does
 * not know is answered UNIMPLEMENTED by grpc-core before any call exists: counted by the client only.
 */
public final class GrpcHooks {

    public static final String SYSTEM = "grpc";
    public static final int CANCELLED = 1;
    public static final int UNKNOWN = 2;

    /** Services and methods are constants of the code; past this the rest overflow. */
    private static final int MAX_LABEL_SETS = 2000;
    private static final String[] CODES = new String[17]; // Status.Code: OK (0) to UNAUTHENTICATED (16)

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = Integer.toString(i);
        }
    }

    public static final HistogramFamily SERVER = family("rpc_server_duration_seconds");
    public static final HistogramFamily CLIENT = family("rpc_client_duration_seconds");

    private static final WeakIdentityMap<RpcCall> SERVER_CALLS = new WeakIdentityMap<>();
    private static final WeakIdentityMap<RpcCall> CLIENT_CALLS = new WeakIdentityMap<>();

    private GrpcHooks() {
    }

    private static HistogramFamily family(String name) {
        return Meters.REGISTRY.histogram(name, BucketBounds.HTTP_DURATION, MAX_LABEL_SETS,
                "rpc_system", "rpc_service", "rpc_method", "rpc_grpc_status_code");
    }

    /** A {@code ServerCallImpl} was made for a stream of a known method: the call starts. */
    public static void serverCallStarted(Object call, String fullMethodName) {
        SERVER_CALLS.put(call, new RpcCall(System.nanoTime(), RpcMethod.of(fullMethodName)));
    }

    /** The application (or its stub) closes a server call with this status code. */
    public static void serverCallClosing(Object call, int code) {
        RpcCall pending = SERVER_CALLS.get(call);
        if (pending != null) {
            pending.closedWith = code;
        }
    }

    /**
     * The server call's stream has ended ({@code ServerStreamListenerImpl.closed(Status)}), before the
     * application's {@code onComplete} or {@code onCancel} runs.
     *
     * @param completed whether the stream ended with the server's close sent (status OK)
     * @param code the stream's end status code
     * @param withCause whether that status carries a cause
     */
    public static void serverCallEnded(Object call, boolean completed, int code, boolean withCause) {
        long now = System.nanoTime();
        RpcCall pending = SERVER_CALLS.remove(call);
        if (pending == null) {
            return;
        }
        int reported;
        if (completed) {
            reported = pending.closedWith == RpcCall.NOT_CLOSED ? UNKNOWN : pending.closedWith;
        } else {
            reported = code == UNKNOWN && withCause ? UNKNOWN : CANCELLED;
        }
        record(SERVER, pending, now, reported);
    }

    /** A {@code ClientCallImpl} was made ({@code Channel.newCall}): the call starts. */
    public static void clientCallStarted(Object call, String fullMethodName) {
        CLIENT_CALLS.put(call, new RpcCall(System.nanoTime(), RpcMethod.of(fullMethodName)));
    }

    /** The client call's listener is about to be closed with this status code (or its start threw: UNKNOWN). */
    public static void clientCallEnded(Object call, int code) {
        long now = System.nanoTime();
        RpcCall pending = CLIENT_CALLS.remove(call);
        if (pending != null) {
            record(CLIENT, pending, now, code);
        }
    }

    private static void record(HistogramFamily family, RpcCall call, long endNanos, int code) {
        String status = code >= 0 && code < CODES.length ? CODES[code] : Integer.toString(code);
        family.labels(SYSTEM, call.method.service, call.method.method, status).record(endNanos - call.startNanos);
    }
}
