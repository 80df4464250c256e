package com.acme.orders;

import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/** Work that runs on the {@code @Async} executor: a sum, and one query from the executor's thread. */
@Service
public class Reports {

    private final OrderRepository orders;

    public Reports(OrderRepository orders) {
        this.orders = orders;
    }

    @Async
    public CompletableFuture<String> summary(int n) {
        long sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += i;
        }
        return CompletableFuture.completedFuture("sum " + sum + " orders " + orders.count()
                + " on " + Thread.currentThread().getName().replaceAll("-\\d+$", ""));
    }
}
