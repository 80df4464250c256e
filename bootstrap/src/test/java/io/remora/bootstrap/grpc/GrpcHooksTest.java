package io.remora.bootstrap.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramFamily;
import io.remora.bootstrap.meter.HistogramSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The calls the advice in grpc-core's call classes makes, in the order grpc-core makes them: each
 * call recorded once, with the status code OpenTelemetry's grpc instrumentation would report.
 */
class GrpcHooksTest {

    private static final int OK = 0;
    private static final int NOT_FOUND = 5;
    private static final int DEADLINE_EXCEEDED = 4;

    private static long count(HistogramFamily family, String service, String method, String code) {
        HistogramSnapshot snapshot = new HistogramSnapshot(BucketBounds.HTTP_DURATION);
        family.labels("grpc", service, method, code).snapshot(snapshot);
        return snapshot.count();
    }

    @Test
    void aServerCallCountsOnceWithTheStatusItClosedWithOnceItsStreamCompletes() {
        long ok = count(GrpcHooks.SERVER, "t.A", "Ok", "0");
        long notFound = count(GrpcHooks.SERVER, "t.A", "Ok", "5");
        Object answered = new Object();
        GrpcHooks.serverCallStarted(answered, "t.A/Ok");
        GrpcHooks.serverCallClosing(answered, OK);
        GrpcHooks.serverCallEnded(answered, true, OK, false);
        GrpcHooks.serverCallEnded(answered, true, OK, false);
        Object refused = new Object();
        GrpcHooks.serverCallStarted(refused, "t.A/Ok");
        GrpcHooks.serverCallClosing(refused, NOT_FOUND);
        GrpcHooks.serverCallEnded(refused, true, OK, false);
        assertEquals(ok + 1, count(GrpcHooks.SERVER, "t.A", "Ok", "0"));
        assertEquals(notFound + 1, count(GrpcHooks.SERVER, "t.A", "Ok", "5"));
    }

    @Test
    void aServerStreamThatEndsOtherwiseIsCancelledUnlessTheApplicationThrew() {
        long cancelled = count(GrpcHooks.SERVER, "t.B", "Run", "1");
        long unknown = count(GrpcHooks.SERVER, "t.B", "Run", "2");
        Object cut = new Object(); // the client's deadline: grpc-core ends the stream with its own status
        GrpcHooks.serverCallStarted(cut, "t.B/Run");
        GrpcHooks.serverCallEnded(cut, false, DEADLINE_EXCEEDED, false);
        Object threw = new Object(); // a handler threw: cancelled with UNKNOWN and the exception as cause
        GrpcHooks.serverCallStarted(threw, "t.B/Run");
        GrpcHooks.serverCallEnded(threw, false, GrpcHooks.UNKNOWN, true);
        Object neverClosed = new Object(); // completed without a close seen: UNKNOWN, as OpenTelemetry
        GrpcHooks.serverCallStarted(neverClosed, "t.B/Run");
        GrpcHooks.serverCallEnded(neverClosed, true, OK, false);
        assertEquals(cancelled + 1, count(GrpcHooks.SERVER, "t.B", "Run", "1"));
        assertEquals(unknown + 2, count(GrpcHooks.SERVER, "t.B", "Run", "2"));
    }

    @Test
    void aClientCallCountsOnceWhateverEndsItAndANameWithoutSlashHasNoServiceOrMethod() {
        long closed = count(GrpcHooks.CLIENT, "t.C", "Get", "4");
        long unnamed = count(GrpcHooks.CLIENT, "", "", "0");
        Object call = new Object();
        GrpcHooks.clientCallStarted(call, "t.C/Get");
        GrpcHooks.clientCallEnded(call, DEADLINE_EXCEEDED);
        GrpcHooks.clientCallEnded(call, GrpcHooks.UNKNOWN); // a start that threw after the close: nothing more
        Object odd = new Object();
        GrpcHooks.clientCallStarted(odd, "noslash");
        GrpcHooks.clientCallEnded(odd, OK);
        GrpcHooks.clientCallEnded(new Object(), OK); // never started (made before the agent): nothing
        assertEquals(closed + 1, count(GrpcHooks.CLIENT, "t.C", "Get", "4"));
        assertEquals(0, count(GrpcHooks.CLIENT, "t.C", "Get", "2"));
        assertEquals(unnamed + 1, count(GrpcHooks.CLIENT, "", "", "0"));
    }
}
