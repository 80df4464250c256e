package com.acme.orders;

/** The body of {@code POST /orders}, read by Jackson through its setters. */
public final class NewOrder {

    private String item;
    private int quantity;

    public String getItem() {
        return item;
    }

    public void setItem(String item) {
        this.item = item;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }
}
