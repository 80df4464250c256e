import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import redis.clients.jedis.Jedis;

/**
 * One client stack driven in a loop, for {@code run.sh}, which profiles the measured phase.
 *
 * <pre>StackLoad &lt;stack&gt; &lt;client threads&gt; &lt;warm-up s&gt; &lt;measured s&gt; [redis port]</pre>
 *
 * Warms up, prints {@code WARM} and waits for a line on stdin (the profiler is started then), runs
 * the measured phase, prints {@code OPS <n>}, waits for a second line (the profiler is stopped) and
 * exits. Client threads are named {@code load-client-<i>}; an HTTP server in the same JVM runs on
 * {@code load-server-<i>} threads (the JDK's HttpServer) or on Reactor Netty's event loops.
 */
public final class StackLoad {

    /** One operation of a client thread; each thread gets its own (Jedis and JDBC connections are not shared). */
    interface Op {
        void run() throws Exception;
    }

    interface OpFactory {
        Op create() throws Exception;
    }

    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    /** gRPC messages as UTF-8 strings: no protoc. */
    private static final io.grpc.MethodDescriptor.Marshaller<String> UTF8 =
            new io.grpc.MethodDescriptor.Marshaller<String>() {
                @Override
                public InputStream stream(String value) {
                    return new java.io.ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public String parse(InputStream stream) {
                    try {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };

    public static void main(String[] args) throws Exception {
        String stack = args[0];
        int threads = Integer.parseInt(args[1]);
        long warmupNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        long measuredNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        int redisPort = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        OpFactory factory = stack(stack, threads, redisPort);
        Op[] ops = new Op[threads];
        for (int i = 0; i < threads; i++) {
            ops[i] = factory.create();
        }
        BufferedReader control = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        run(ops, warmupNanos);
        System.out.println("WARM");
        System.out.flush();
        control.readLine();
        long done = run(ops, measuredNanos);
        System.out.println("OPS " + done);
        System.out.flush();
        control.readLine();
        for (int i = OPEN.size() - 1; i >= 0; i--) { // the last opened first: a client before its server
            OPEN.get(i).close();
        }
        System.exit(0);
    }

    /** Runs every thread's op in a loop for {@code nanos}; returns the operations done. */
    private static long run(Op[] ops, long nanos) throws InterruptedException {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + nanos;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < ops.length; i++) {
            Op op = ops[i];
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        op.run();
                        done.increment();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(2);
                }
            }, "load-client-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.sum();
    }

    private static OpFactory stack(String stack, int threads, int redisPort) throws Exception {
        switch (stack) {
            case "jdk-httpclient": {
                String url = jdkServer(threads);
                java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(url)).build();
                return () -> () -> client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            }
            case "urlconnection": {
                URL url = new URL(jdkServer(threads));
                return () -> () -> {
                    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                    try (InputStream in = connection.getInputStream()) {
                        in.readAllBytes();
                    }
                };
            }
            case "okhttp": {
                String url = jdkServer(threads);
                okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();
                okhttp3.Request request = new okhttp3.Request.Builder().url(url).build();
                return () -> () -> {
                    try (okhttp3.Response response = client.newCall(request).execute()) {
                        response.body().bytes();
                    }
                };
            }
            case "apache4": {
                String url = jdkServer(threads);
                org.apache.http.impl.client.CloseableHttpClient client = org.apache.http.impl.client.HttpClients.custom()
                        .setMaxConnPerRoute(threads).build();
                OPEN.add(client);
                return () -> () -> {
                    try (org.apache.http.client.methods.CloseableHttpResponse response =
                            client.execute(new org.apache.http.client.methods.HttpGet(url))) {
                        org.apache.http.util.EntityUtils.consume(response.getEntity());
                    }
                };
            }
            case "apache5": {
                String url = jdkServer(threads);
                org.apache.hc.client5.http.impl.classic.CloseableHttpClient client =
                        org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
                OPEN.add(client);
                return () -> () -> client.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url),
                        response -> {
                            org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
            }
            case "reactor-netty": {
                DisposableServer server = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                        .route(routes -> routes.get("/items/{id}", (request, response) -> response.sendString(Mono.just("ok"))))
                        .bindNow();
                OPEN.add(server::disposeNow);
                reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create()
                        .baseUrl("http://127.0.0.1:" + server.port());
                return () -> () -> client.get().uri("/items/42").responseContent().aggregate().asString().block();
            }
            case "jedis": {
                try (Jedis setup = new Jedis("127.0.0.1", redisPort)) {
                    setup.set("load:key", "value");
                }
                return () -> {
                    Jedis jedis = new Jedis("127.0.0.1", redisPort);
                    OPEN.add(jedis);
                    return () -> jedis.get("load:key");
                };
            }
            case "lettuce": {
                RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
                StatefulRedisConnection<String, String> connection = client.connect();
                OPEN.add(client::shutdown);
                connection.sync().set("load:key", "value");
                return () -> () -> connection.sync().get("load:key");
            }
            case "jdbc": {
                String url = "jdbc:h2:mem:load;DB_CLOSE_DELAY=-1";
                try (Connection setup = DriverManager.getConnection(url)) {
                    setup.createStatement().execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
                    setup.createStatement().execute("INSERT INTO items VALUES (42, 'answer')");
                }
                return () -> {
                    Connection connection = DriverManager.getConnection(url);
                    OPEN.add(connection);
                    PreparedStatement select = connection.prepareStatement("SELECT name FROM items WHERE id = ?");
                    return () -> {
                        select.setInt(1, 42);
                        try (ResultSet rows = select.executeQuery()) {
                            rows.next();
                        }
                    };
                };
            }
            case "grpc": {
                io.grpc.MethodDescriptor<String, String> place = io.grpc.MethodDescriptor.newBuilder(UTF8, UTF8)
                        .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName("shop.Orders", "Place"))
                        .build();
                io.grpc.Server server = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder
                        .forAddress(new InetSocketAddress("127.0.0.1", 0), io.grpc.InsecureServerCredentials.create())
                        .addService(io.grpc.ServerServiceDefinition.builder("shop.Orders")
                                .addMethod(place, io.grpc.stub.ServerCalls.asyncUnaryCall((request, observer) -> {
                                    observer.onNext("placed");
                                    observer.onCompleted();
                                }))
                                .build())
                        .build().start();
                io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                        .forAddress(new InetSocketAddress("127.0.0.1", server.getPort()),
                                io.grpc.InsecureChannelCredentials.create())
                        .build();
                OPEN.add(() -> {
                    channel.shutdownNow();
                    server.shutdownNow();
                });
                return () -> () -> io.grpc.stub.ClientCalls.blockingUnaryCall(channel, place,
                        io.grpc.CallOptions.DEFAULT, "order");
            }
            case "kafka": {
                // a KRaft broker in this JVM (Kafka's own test kit, on loopback, temporary log directories)
                org.apache.kafka.common.test.KafkaClusterTestKit broker =
                        new org.apache.kafka.common.test.KafkaClusterTestKit.Builder(
                                new org.apache.kafka.common.test.TestKitNodes.Builder().setCombined(true)
                                        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                                .setConfigProp("offsets.topic.num.partitions", "1")
                                .setConfigProp("offsets.topic.replication.factor", "1")
                                .build();
                OPEN.add(broker);
                broker.format();
                broker.startup();
                broker.waitForReadyBrokers();
                java.util.Properties config = new java.util.Properties();
                config.put("bootstrap.servers", broker.bootstrapServers());
                config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
                config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
                config.put("linger.ms", "0"); // 4.x waits 5 ms for a batch by default: each record at once here
                org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                        new org.apache.kafka.clients.producer.KafkaProducer<>(config);
                OPEN.add(producer);
                // each operation: one record sent and acknowledged
                return () -> () -> producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("orders", "k", "v"))
                        .get();
            }
            default:
                throw new IllegalArgumentException("unknown stack " + stack);
        }
    }

    /** The JDK's HttpServer on loopback, answering 2 bytes on its own threads; returns the URL to call. */
    private static String jdkServer(int threads) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/items", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, "load-server-" + next.getAndIncrement()));
        server.setExecutor(pool);
        server.start();
        OPEN.add(() -> {
            server.stop(0);
            pool.shutdownNow();
        });
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/items/42";
    }
}
