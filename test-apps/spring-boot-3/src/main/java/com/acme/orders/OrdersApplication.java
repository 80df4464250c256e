package com.acme.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * An ordinary order service: Spring MVC on embedded Tomcat, JdbcTemplate on HikariCP and an
 * in-memory H2, work handed to an {@code @Async} executor. Its port comes from {@code --server.port}.
 * The same source builds on Spring Boot 2.7 and 3.5, so it keeps to Java 11 and to APIs both have.
 */
@SpringBootApplication
@EnableAsync
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    /** The executor {@code @Async} methods run on: Spring picks the bean named taskExecutor. */
    @Bean(name = "taskExecutor")
    public ThreadPoolTaskExecutor taskExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(100);
        executor.setThreadNamePrefix("orders-async-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        // Tomcat reports, on stdout, each thread left running at stop whose context class loader is
        // the web application's, which a thread started from a request inherits: a pool thread can
        // still be finishing its exit when Tomcat looks, on a machine busy while the JVM exits (seen
        // once in a few runs, with or without an agent). The pool's threads carry the application's
        // own loader instead, so the output at exit does not depend on that race.
        executor.setThreadFactory(runnable -> {
            Thread thread = executor.newThread(runnable);
            thread.setContextClassLoader(OrdersApplication.class.getClassLoader());
            return thread;
        });
        return executor;
    }
}
