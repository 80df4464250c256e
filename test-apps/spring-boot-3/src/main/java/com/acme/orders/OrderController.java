package com.acme.orders;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Templated routes: 200 or 404 by id, 201 on create, the list, and a handler that throws (Spring
 * wraps the exception in a ServletException, Tomcat answers 500). Path variables are named
 * explicitly: this module is not compiled with -parameters.
 */
@RestController
public class OrderController {

    private final OrderRepository orders;
    private final OrderMeters meters;

    public OrderController(OrderRepository orders, OrderMeters meters) {
        this.orders = orders;
        this.meters = meters;
    }

    @GetMapping("/orders/{id}")
    public Order get(@PathVariable("id") long id) {
        return meters.lookup(() -> orders.find(id))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id));
    }

    @GetMapping("/orders")
    public List<Order> list() {
        return meters.listing(orders::findAll);
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Order create(@RequestBody NewOrder order) {
        Order created = orders.insert(order.getItem(), order.getQuantity());
        meters.placed(order.getQuantity());
        return created;
    }

    @GetMapping("/boom")
    public String boom() {
        throw new IllegalStateException("boom");
    }
}
