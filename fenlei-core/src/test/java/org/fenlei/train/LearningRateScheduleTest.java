package org.fenlei.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenDecaysAsAsked() {
        LearningRateSchedule linear = new LearningRateSchedule(LearningRateSchedule.LINEAR, 0.1);
        assertEquals(0.1, linear.factor(0, 100), 1e-12, "step 1 of a 10-step warm-up");
        assertEquals(1.0, linear.factor(9, 100), 1e-12, "the warm-up ends at the full rate");
        assertEquals(1.0, linear.factor(10, 100), 1e-12);
        assertEquals(0.5, linear.factor(55, 100), 1e-12, "half way through the decay");
        LearningRateSchedule cosine = new LearningRateSchedule(LearningRateSchedule.COSINE, 0);
        assertEquals(1.0, cosine.factor(0, 100), 1e-12);
        assertEquals(0.5, cosine.factor(50, 100), 1e-12);
        assertEquals(0.0, cosine.factor(100, 100), 1e-12);
        assertEquals(1.0, new LearningRateSchedule(null, 0).factor(70, 100), 1e-12, "constant by default");
    }

    @Test
    void refusesUnknownSchedulesAndWarmUps() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("step", 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("linear", 1.0));
    }
}
