package io.remora.bootstrap.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
