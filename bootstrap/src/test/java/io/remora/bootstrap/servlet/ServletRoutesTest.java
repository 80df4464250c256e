package io.remora.bootstrap.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ServletRoutesTest {

    private static final String SPRING = "/items/{id}";

    @Test
    void rootContextRouteIsTheMappingPatternItself() {
        String pattern = new String("/api/items/*");
        assertSame(pattern, ServletRoutes.of("", pattern, null));
        assertEquals("/fail", ServletRoutes.of("", "/fail", null));
        assertEquals("*.do", ServletRoutes.of("", "*.do", null));
        assertEquals("/", ServletRoutes.of("", "/", null));
    }

    @Test
    void contextRootMappingIsTheContextsPath() {
        assertEquals("/", ServletRoutes.of("", "", null));
        assertEquals("/shop/", ServletRoutes.of("/shop", "", null));
    }

    @Test
    void contextPathPrecedesThePatternAndTheJoinIsKept() {
        String first = ServletRoutes.of("/shop", "/api/items/*", null);
        assertEquals("/shop/api/items/*", first);
        assertSame(first, ServletRoutes.of(new String("/shop"), new String("/api/items/*"), null));
    }

    @Test
    void frameworkPatternFollowsTheServletsPrefixAndContextPath() {
        assertSame(SPRING, ServletRoutes.of("", "/", SPRING));
        assertSame(SPRING, ServletRoutes.of("", "/*", SPRING));
        assertEquals("/mvc/items/{id}", ServletRoutes.of("", "/mvc/*", SPRING));
        assertEquals("/shop/mvc/items/{id}", ServletRoutes.of("/shop", "/mvc/*", SPRING));
        assertEquals("/shop/items/{id}", ServletRoutes.of("/shop", "/", SPRING));
    }

    @Test
    void aPatternObjectCountsByItsText() {
        Object pathPattern = new Object() {
            @Override
            public String toString() {
                return SPRING;
            }
        };
        assertEquals("/api/items/{id}", ServletRoutes.of("", "/api/*", pathPattern));
    }

    @Test
    void anUnknownMappingIsEmpty() {
        assertEquals("", ServletRoutes.of("/shop", null, SPRING));
    }

    @Test
    void collidingRoutesReplaceEachOtherAndStayCorrect() {
        for (int i = 0; i < 2000; i++) {
            assertEquals("/c" + i + "/p" + (i % 7) + "/*", ServletRoutes.of("/c" + i, "/p" + (i % 7) + "/*", null));
        }
    }
}
