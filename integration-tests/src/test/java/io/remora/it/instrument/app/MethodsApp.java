package io.remora.it.instrument.app;

import com.acme.shop.Inventory;
import com.acme.shop.Orders;

/**
 * Calls the methods of {@link Orders} and {@link Inventory} an exact number of times, some of
 * them throwing, and prints what it saw. {@code Orders} is loaded before the gate, {@code Inventory}
 * only after it.
 */
public final class MethodsApp {

    public static final int PLACED = 5;
    public static final int REFUSED = 2;
    public static final int CANCELLED = 3;
    /** {@code count(3)} twice (four calls each, recursion included) and {@code count(0)} once. */
    public static final int COUNT_CALLS = 9;
    public static final int RESERVED = 2;
    public static final int OUT_OF_STOCK = 1;

    public static final String OUTPUT = "placed 5 refused 2 rethrown-unchanged true cancelled 3 counted 2 reserved 2"
            + " out-of-stock 1 restocked 1";

    private MethodsApp() {
    }

    public static void main(String[] args) throws Exception {
        Orders orders = new Orders();
        Gate.await(args[0]);

        int placed = 0;
        for (int i = 0; i < PLACED; i++) {
            placed = orders.place(1);
        }
        int refused = 0;
        boolean unchanged = true;
        for (int i = 0; i < REFUSED; i++) {
            try {
                orders.place(-1);
            } catch (IllegalArgumentException e) {
                refused++;
                unchanged &= e == Orders.lastThrown() && e.getMessage().equals("negative quantity -1");
            }
        }
        int cancelled = 0;
        for (int i = 0; i < CANCELLED; i++) {
            cancelled += orders.cancel() == 0 ? 1 : 0;
        }

        Inventory inventory = new Inventory(RESERVED);
        int counted = 0;
        for (int i = 0; i < 2; i++) {
            counted += inventory.count(3) == RESERVED ? 1 : 0;
        }
        int reserved = 0;
        int outOfStock = 0;
        for (int i = 0; i < RESERVED + OUT_OF_STOCK; i++) {
            try {
                inventory.reserve();
                reserved++;
            } catch (IllegalStateException e) {
                outOfStock++;
            }
        }
        int restocked = Inventory.restock(7).count(0) == 7 ? 1 : 0;

        System.out.println("placed " + placed + " refused " + refused + " rethrown-unchanged " + unchanged
                + " cancelled " + cancelled + " counted " + counted + " reserved " + reserved
                + " out-of-stock " + outOfStock + " restocked " + restocked);
    }
}
