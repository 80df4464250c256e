package io.remora.bootstrap.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void knownMethodsAreTheSameInstanceEveryTime() {
        String get = new String("GET");
        assertEquals("GET", HttpMethods.of(get));
        assertSame(HttpMethods.of("GET"), HttpMethods.of(get));
        assertEquals("PATCH", HttpMethods.of("PATCH"));
    }

    @Test
    void unknownOrWrongCaseMethodsAreOther() {
        assertEquals("_OTHER", HttpMethods.of("get"));
        assertEquals("_OTHER", HttpMethods.of("PROPFIND"));
        assertEquals("_OTHER", HttpMethods.of(null));
    }

    @Test
    void aRequestLinesMethodIsTheKnownOneBeforeTheFirstSpace() {
        assertSame(HttpMethods.of("GET"), HttpMethods.ofRequestLine("GET /nowhere HTTP/1.1"));
        assertEquals("DELETE", HttpMethods.ofRequestLine("DELETE /x HTTP/1.1"));
        assertEquals("_OTHER", HttpMethods.ofRequestLine("GETS /x HTTP/1.1"));
        assertEquals("_OTHER", HttpMethods.ofRequestLine("GET"));
        assertEquals("_OTHER", HttpMethods.ofRequestLine("get /x HTTP/1.1"));
        assertEquals("_OTHER", HttpMethods.ofRequestLine(null));
    }

    @Test
    void statusCodesComeFromOneTable() {
        assertEquals("100", StatusCodes.of(100));
        assertEquals("200", StatusCodes.of(200));
        assertEquals("599", StatusCodes.of(599));
        assertSame(StatusCodes.of(404), StatusCodes.of(404));
    }

    @Test
    void statusCodesOutOfRangeAreOtherAndNoResponseIsEmpty() {
        assertEquals("_OTHER", StatusCodes.of(99));
        assertEquals("_OTHER", StatusCodes.of(600));
        assertEquals("", StatusCodes.of(0));
        assertEquals("", StatusCodes.of(-1));
    }

    @Test
    void errorTypeIsTheThrowablesClassName() {
        assertEquals("java.lang.IllegalStateException", ErrorTypes.of(new IllegalStateException()));
        assertEquals("", ErrorTypes.of(null));
    }

    @Test
    void aContainersWrapperStandsForItsCause() {
        IllegalStateException handlers = new IllegalStateException("handler");
        assertEquals("java.lang.IllegalStateException",
                ErrorTypes.of(new jakarta.servlet.ServletException("Request processing failed", handlers)));
        assertEquals("java.lang.IllegalStateException", ErrorTypes.of(new javax.servlet.ServletException(handlers)));
        // Spring 5's NestedServletException is a javax ServletException, wrapping the handler's
        assertEquals("java.lang.IllegalStateException", ErrorTypes.of(new NestedServletException(handlers)));
        assertEquals("java.lang.IllegalStateException", ErrorTypes.of(new jakarta.servlet.ServletException(
                new NestedServletException(handlers))));
        assertEquals("java.lang.IllegalStateException",
                ErrorTypes.ofHttp(new javax.servlet.ServletException(handlers), 500, "500", ErrorTypes.SERVER_ERRORS_FROM));
    }

    @Test
    void aWrapperWithoutCauseIsItselfAndTheApplicationsOwnCausesAreKept() {
        assertEquals("jakarta.servlet.ServletException", ErrorTypes.of(new jakarta.servlet.ServletException("no cause")));
        assertEquals("java.lang.RuntimeException",
                ErrorTypes.of(new javax.servlet.ServletException(new RuntimeException(new IOException()))));
        assertEquals("java.util.concurrent.ExecutionException", ErrorTypes.of(new ExecutionException(new IOException())));
    }

    @Test
    void unwrappingIsBoundedAgainstCausesThatLoop() {
        LoopingServletException first = new LoopingServletException();
        LoopingServletException second = new LoopingServletException();
        first.cause = second;
        second.cause = first;
        Throwable found = ErrorTypes.unwrapContainer(first);
        assertTrue(found == first || found == second);
        javax.servlet.ServletException deep = new javax.servlet.ServletException(new IllegalStateException());
        for (int i = 1; i < ErrorTypes.MAX_UNWRAP; i++) {
            deep = new javax.servlet.ServletException(deep);
        }
        assertEquals("java.lang.IllegalStateException", ErrorTypes.of(deep), "as deep as the bound goes");
        assertEquals("javax.servlet.ServletException", ErrorTypes.of(new javax.servlet.ServletException(deep)));
    }

    /** Stands for Spring 5's org.springframework.web.util.NestedServletException. */
    private static final class NestedServletException extends javax.servlet.ServletException {
        NestedServletException(Throwable cause) {
            super("Request processing failed", cause);
        }
    }

    /** A wrapper whose getCause() is whatever it is told, a cycle too. */
    private static final class LoopingServletException extends jakarta.servlet.ServletException {
        Throwable cause;

        @Override
        public synchronized Throwable getCause() {
            return cause;
        }
    }

    @Test
    void anHttpErrorIsTheExceptionElseAStatusFromTheSidesFirstErrorStatus() {
        IOException refused = new ConnectException("refused");
        assertEquals("java.net.ConnectException", ErrorTypes.ofHttp(refused, 0, "", ErrorTypes.CLIENT_ERRORS_FROM));
        assertEquals("404", ErrorTypes.ofHttp(null, 404, "404", ErrorTypes.CLIENT_ERRORS_FROM));
        assertEquals("", ErrorTypes.ofHttp(null, 404, "404", ErrorTypes.SERVER_ERRORS_FROM));
        assertEquals("500", ErrorTypes.ofHttp(null, 500, "500", ErrorTypes.SERVER_ERRORS_FROM));
        assertEquals("", ErrorTypes.ofHttp(null, 399, "399", ErrorTypes.CLIENT_ERRORS_FROM));
        assertEquals("java.lang.IllegalStateException",
                ErrorTypes.ofHttp(new IllegalStateException(), 500, "500", ErrorTypes.SERVER_ERRORS_FROM));
    }

    @Test
    void aFuturesFailureIsItsCauseUnwrapped() {
        IOException refused = new ConnectException("refused");
        assertSame(refused, ErrorTypes.unwrapCompletion(new CompletionException(refused)));
        assertSame(refused, ErrorTypes.unwrapCompletion(new ExecutionException(new CompletionException(refused))));
        assertSame(refused, ErrorTypes.unwrapCompletion(refused));
        CompletionException bare = new CompletionException("no cause", null);
        assertSame(bare, ErrorTypes.unwrapCompletion(bare));
    }

    @Test
    void schemesAreHttpHttpsOrOther() {
        assertSame(UrlSchemes.HTTP, UrlSchemes.of(new String("http")));
        assertSame(UrlSchemes.HTTPS, UrlSchemes.of(new String("https")));
        assertEquals("_OTHER", UrlSchemes.of("ws"));
        assertEquals("_OTHER", UrlSchemes.of(null));
    }
}
