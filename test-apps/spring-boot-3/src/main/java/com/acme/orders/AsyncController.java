package com.acme.orders;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Hands the work to the {@code @Async} executor and answers once it is done (the request thread waits). */
@RestController
public class AsyncController {

    private final Reports reports;
    private final OrderMeters meters;

    public AsyncController(Reports reports, OrderMeters meters) {
        this.reports = reports;
        this.meters = meters;
    }

    @GetMapping("/async/{n}")
    public String summary(@PathVariable("n") int n) {
        return meters.report(() -> reports.summary(n).join());
    }
}
