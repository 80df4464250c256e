package com.acme.shop;

/**
 * Part of {@code MethodsApp}. First loaded after the agent's transformer is in place, and named with
 * {@code Inventory#*}: each call of every declared method is timed, recursive ones each time; its
 * constructor and the body of its lambda are not.
 */
public final class Inventory {

    private int stock;

    public Inventory(int stock) {
        this.stock = stock;
    }

    /** Calls itself down to zero: {@code depth + 1} calls. */
    public int count(int depth) {
        return depth == 0 ? stock : count(depth - 1);
    }

    public void reserve() {
        if (stock == 0) {
            throw new IllegalStateException("out of stock");
        }
        stock--;
    }

    public static Inventory restock(int amount) {
        Inventory[] restocked = new Inventory[1];
        Runnable fill = () -> restocked[0] = new Inventory(amount);
        fill.run();
        return restocked[0];
    }
}
