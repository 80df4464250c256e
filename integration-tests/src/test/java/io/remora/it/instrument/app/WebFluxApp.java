package io.remora.it.instrument.app;

import java.time.Duration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Spring WebFlux (annotated controllers, {@code @EnableWebFlux}, no Spring Boot) on Reactor Netty,
 * called by a {@code WebClient} on loopback, an exact number of times: {@value #ORDERS} GETs of
 * {@code /orders/{id}} (200), {@value #CREATED} POSTs of {@code /orders} (201), {@value #NOT_FOUND}
 * GETs of a path no handler maps (WebFlux's 404), {@value #FAILED} GETs of {@code /fail}, whose
 * handler throws (WebFlux's 500), {@value #GREETED} GETs of the functional endpoint
 * {@code /greetings/{name}}, {@value #PROXIED} GETs of {@code /proxy/{id}}, whose handler calls
 * {@code /orders/{id}} with the WebClient, and {@value #REFUSED} GETs to a closed port. Prints the
 * ports, then what it saw.
 */
public final class WebFluxApp {

    public static final int ORDERS = 3;
    public static final int CREATED = 2;
    public static final int NOT_FOUND = 2;
    public static final int FAILED = 2;
    public static final int PROXIED = 2;
    public static final int GREETED = 2;
    public static final int REFUSED = 1;

    static volatile String base;

    private WebFluxApp() {
    }

    public static void main(String[] args) throws Exception {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);
        HttpHandler handler = WebHttpHandlerBuilder.applicationContext(context).build();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        base = "http://127.0.0.1:" + server.port();
        int closedPort = JavaNetHttpClientApp.closedPort();
        Gate.await(args[0]);
        WebClient client = WebClient.create(base);
        int orders = 0;
        for (int i = 0; i < ORDERS; i++) {
            orders += status(client.get().uri("/orders/{id}", i)) == 200 ? 1 : 0;
        }
        int created = 0;
        for (int i = 0; i < CREATED; i++) {
            created += status(client.post().uri("/orders").bodyValue("{\"n\":" + i + "}")) == 201 ? 1 : 0;
        }
        int notFound = 0;
        for (int i = 0; i < NOT_FOUND; i++) {
            notFound += status(client.get().uri("/missing/{i}", i)) == 404 ? 1 : 0;
        }
        int failed = 0;
        for (int i = 0; i < FAILED; i++) {
            failed += status(client.get().uri("/fail")) == 500 ? 1 : 0;
        }
        int greeted = 0;
        for (int i = 0; i < GREETED; i++) {
            greeted += status(client.get().uri("/greetings/{name}", "n" + i)) == 200 ? 1 : 0;
        }
        int proxied = 0;
        for (int i = 0; i < PROXIED; i++) {
            proxied += status(client.get().uri("/proxy/{id}", i)) == 200 ? 1 : 0;
        }
        int refused = 0;
        for (int i = 0; i < REFUSED; i++) {
            try {
                status(WebClient.create("http://127.0.0.1:" + closedPort).get().uri("/"));
            } catch (RuntimeException expected) {
                refused++;
            }
        }
        server.disposeNow();
        context.close();
        System.out.println("server-port " + server.port() + " closed-port " + closedPort);
        System.out.println("orders " + orders + " created " + created + " not-found " + notFound + " failed " + failed
                + " greeted " + greeted + " proxied " + proxied + " refused " + refused);
    }

    private static int status(WebClient.RequestHeadersSpec<?> request) {
        ResponseEntity<String> response = request.exchangeToMono(answer -> answer.toEntity(String.class))
                .block(Duration.ofSeconds(30));
        return response == null ? -1 : response.getStatusCode().value();
    }

    /** The application's configuration: WebFlux and the one controller. */
    @Configuration
    @EnableWebFlux
    public static class Config {

        @Bean
        public Orders orders() {
            return new Orders();
        }

        /** A functional endpoint beside the annotated ones. */
        @Bean
        public RouterFunction<ServerResponse> greetings() {
            return RouterFunctions.route(RequestPredicates.GET("/greetings/{name}"),
                    request -> ServerResponse.ok().bodyValue("hello " + request.pathVariable("name")));
        }
    }

    /** The handlers. */
    @RestController
    public static class Orders {

        private final WebClient client = WebClient.create();

        @GetMapping("/orders/{id}")
        public Mono<String> order(@PathVariable("id") String id) {
            return Mono.just("order " + id);
        }

        @PostMapping("/orders")
        public Mono<ResponseEntity<String>> create(@RequestBody String body) {
            return Mono.just(ResponseEntity.status(HttpStatus.CREATED).body("created " + body));
        }

        @GetMapping("/fail")
        public String fail() {
            throw new IllegalStateException("boom");
        }

        @GetMapping("/proxy/{id}")
        public Mono<String> proxy(@PathVariable("id") String id) {
            return client.get().uri(base + "/orders/{id}", id).retrieve().bodyToMono(String.class);
        }
    }
}
