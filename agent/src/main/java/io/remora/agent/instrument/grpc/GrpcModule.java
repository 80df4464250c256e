package io.remora.agent.instrument.grpc;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code rpc_server_duration_seconds} and {@code rpc_client_duration_seconds} for grpc-java, under
 * the {@code rpc} switch: advice in grpc-core's own call classes, which every transport (Netty,
 * shaded Netty, in-process, OkHttp) and every stub (blocking, async, future) goes through, so the
 * application adds no interceptor. See {@link io.remora.bootstrap.grpc.GrpcHooks}.
 */
public final class GrpcModule implements InstrumentationModule {

    @Override
    public String name() {
        return "rpc";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new ServerCallAdvice(), new ServerStreamEndAdvice(),
                new ClientCallAdvice());
    }
}
