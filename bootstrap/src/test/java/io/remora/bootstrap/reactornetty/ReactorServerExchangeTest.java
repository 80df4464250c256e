package io.remora.bootstrap.reactornetty;

import io.remora.bootstrap.http.HttpServerHooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.bootstrap.meter.HistogramSnapshot;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactorServerExchangeTest {

    @Test
    void anExchangeBelongsOnlyToTheOperationsThatStartedIt() {
        Object operations = new Object();
        Object state = ReactorServerExchange.start(operations, null);
        assertSame(state, ReactorServerExchange.of(state, operations));
        assertNull(ReactorServerExchange.of(state, new Object()));
        assertNull(ReactorServerExchange.of("not ours", operations));
        assertNull(ReactorServerExchange.of(null, operations));
    }

    @Test
    void theReactorNettyRouteIsTheLabelAndAnotherRequestsRouteIsIgnored() {
        Object operations = new Object();
        Object state = ReactorServerExchange.start(operations, null);
        ReactorServerExchange.route(state, operations, "/rn/{id}");
        ReactorServerExchange.route(state, new Object(), "/other/{id}");
        long before = count("GET", "200", "/rn/{id}", "");
        ReactorServerExchange.of(state, operations).complete("GET", 200, true, "http");
        assertEquals(before + 1, count("GET", "200", "/rn/{id}", ""));
        assertEquals(0, count("GET", "200", "/other/{id}", ""));
    }

    @Test
    void webFluxsPatternWinsAndItsHandledExceptionNamesA5xx() {
        Object operations = new Object();
        Object state = ReactorServerExchange.start(operations, null);
        ReactorServerExchange.route(state, operations, "/ignored");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ReactorServerExchange.WEBFLUX_PATTERN, new StringBuilder("/wf/{id}"));
        attributes.put(ReactorServerExchange.WEBFLUX_HANDLED_EXCEPTION, new IllegalStateException());
        ReactorServerExchange.attributes(state, operations, attributes);
        long before = count("POST", "500", "/wf/{id}", "java.lang.IllegalStateException");
        ReactorServerExchange.of(state, operations).complete("POST", 500, true, "http");
        assertEquals(before + 1, count("POST", "500", "/wf/{id}", "java.lang.IllegalStateException"));
    }

    @Test
    void aHandledExceptionBelow500IsNoError() {
        Object operations = new Object();
        Object state = ReactorServerExchange.start(operations, null);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ReactorServerExchange.WEBFLUX_HANDLED_EXCEPTION, new IllegalArgumentException());
        ReactorServerExchange.attributes(state, operations, attributes);
        long before = count("PUT", "404", "", "");
        ReactorServerExchange.of(state, operations).complete("PUT", 404, true, "http");
        assertEquals(before + 1, count("PUT", "404", "", ""));
    }

    @Test
    void aConnectionThatClosedBeforeTheResponseHasNoStatusAndItsErrorOrAborted() {
        Object operations = new Object();
        Object state = ReactorServerExchange.start(operations, null);
        long aborted = count("DELETE", "", "", ReactorServerExchange.CONNECTION_CLOSED);
        ReactorServerExchange.of(state, operations).complete("DELETE", 200, false, "http");
        assertEquals(aborted + 1, count("DELETE", "", "", ReactorServerExchange.CONNECTION_CLOSED));

        Object failing = new Object();
        Object failed = ReactorServerExchange.start(failing, null);
        ReactorServerExchange.failed(failed, failing, new java.io.IOException("reset"));
        ReactorServerExchange.failed(failed, failing, new IllegalStateException("later"));
        long reset = count("DELETE", "", "", "java.io.IOException");
        ReactorServerExchange.of(failed, failing).complete("DELETE", 200, false, "http");
        assertEquals(reset + 1, count("DELETE", "", "", "java.io.IOException"));
    }

    @Test
    void aPipelinedRequestStartedBeforeThePreviousEndedLeavesItReachableUntilItIsClaimed() {
        Object first = new Object();
        Object firstState = ReactorServerExchange.start(first, null);
        Object second = new Object();
        Object secondState = ReactorServerExchange.start(second, firstState);
        assertSame(firstState, ReactorServerExchange.of(secondState, first));
        assertSame(secondState, ReactorServerExchange.of(secondState, second));

        assertTrue(ReactorServerExchange.of(secondState, first).claim());
        assertFalse(ReactorServerExchange.of(secondState, first).claim());
        // a third request no longer links the first, which has ended
        Object third = new Object();
        Object thirdState = ReactorServerExchange.start(third, secondState);
        assertNull(ReactorServerExchange.of(thirdState, first));
        assertSame(secondState, ReactorServerExchange.of(thirdState, second));
    }

    @Test
    void aSecondConstructorOfTheSameOperationsKeepsItsExchange() {
        Object operations = new Object();
        Object state = ReactorServerExchange.start(operations, null);
        assertSame(state, ReactorServerExchange.start(operations, state));
    }

    @Test
    void aLongPipelinedConnectionKeepsAtMostSoManyUnfinishedRequests() {
        Object state = null;
        Object[] operations = new Object[3 * ReactorServerExchange.MAX_PIPELINED];
        for (int i = 0; i < operations.length; i++) {
            operations[i] = new Object();
            state = ReactorServerExchange.start(operations[i], state);
        }
        assertSame(state, ReactorServerExchange.of(state, operations[operations.length - 1]));
        assertNull(ReactorServerExchange.of(state, operations[0]));
    }

    private static long count(String method, String status, String route, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(HttpServerHooks.DURATION.bounds());
        HttpServerHooks.DURATION.labels(method, status, route, "http", errorType).snapshot(snapshot);
        return snapshot.count();
    }
}
