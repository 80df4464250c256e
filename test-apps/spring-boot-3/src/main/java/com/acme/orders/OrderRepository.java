package com.acme.orders;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Orders in the database (table from schema.sql); one SQL statement per method call. */
@Repository
public class OrderRepository {

    private static final RowMapper<Order> ROW =
            (rows, number) -> new Order(rows.getLong("id"), rows.getString("item"), rows.getInt("quantity"));

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Order> find(long id) {
        return jdbc.query("SELECT id, item, quantity FROM orders WHERE id = ?", ROW, id).stream().findFirst();
    }

    public List<Order> findAll() {
        return jdbc.query("SELECT id, item, quantity FROM orders ORDER BY id", ROW);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class);
        return count == null ? 0 : count;
    }

    public Order insert(String item, int quantity) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO orders (item, quantity) VALUES (?, ?)", new String[] {"id"});
            statement.setString(1, item);
            statement.setInt(2, quantity);
            return statement;
        }, keys);
        Number id = keys.getKey();
        if (id == null) {
            throw new IllegalStateException("the database returned no key for the new order");
        }
        return new Order(id.longValue(), item, quantity);
    }
}
