package org.fenlei.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetworkConfigTest {
    @Test
    void automaticSizesAreTheOriginsUpToEightClassesThenGrow() {
        assertEquals(16, NetworkConfig.origin().resolve(2).embeddingDim());
        assertEquals(16, NetworkConfig.origin().resolve(8).hiddenUnits());
        assertEquals(32, NetworkConfig.origin().resolve(10).embeddingDim());
        assertEquals(64, NetworkConfig.origin().resolve(20).embeddingDim());
        assertEquals(16, NetworkConfig.origin().resolve(0).embeddingDim());
    }

    @Test
    void explicitSizesAreKept() {
        NetworkConfig c = new NetworkConfig(NetworkConfig.ORIGIN, 8, 0, 0f, 0f).resolve(50);
        assertEquals(8, c.embeddingDim());
        assertEquals(0, c.hiddenUnits());
    }

    @Test
    void unresolvedSizesCannotBuildAndBadValuesAreRejected() {
        assertThrows(IllegalStateException.class, () -> NetworkConfig.origin().build(10, 0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new NetworkConfig("lstm", 16, 16, 0f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(NetworkConfig.ORIGIN, 16, 16, 1f, 0f));
    }
}
