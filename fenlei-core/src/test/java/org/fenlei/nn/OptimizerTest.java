package org.fenlei.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OptimizerTest {
    @Test
    void adamFirstStepMovesEachWeightByTheLearningRate() {
        // with m0 = v0 = 0, step 1 gives m/(sqrt v) = sign(g): a step of lr (Kingma & Ba 2015, section 3)
        Parameter p = new Parameter("w", 1, 3, false);
        Gradients g = new Gradients(List.of(p));
        g.values(0)[0] = 0.5f;
        g.values(0)[1] = -2f;
        Adam adam = new Adam(List.of(p), 0.01f);
        adam.advance(1f);
        adam.update(g, 0, 1);
        assertEquals(-0.01f, p.value()[0], 1e-6);
        assertEquals(0.01f, p.value()[1], 1e-6);
        assertEquals(0f, p.value()[2], 1e-9);
    }

    @Test
    void adamwMovesAndDecaysEachParameterAtItsRate() {
        // two weight matrices with the same values and gradients, one at half the rate: half the step, half the decay
        Parameter top = new Parameter("top", 2, 1, false);
        Parameter low = new Parameter("low", 2, 1, false);
        top.value()[0] = low.value()[0] = 1f;
        Gradients g = new Gradients(List.of(top, low));
        g.values(0)[0] = g.values(1)[0] = 0.5f;
        Adam adam = new Adam(List.of(top, low), 0.01f, 0.1f, new float[] {1f, 0.5f});
        adam.advance(1f);
        adam.update(g, 0, 1);
        // w (1 - lr wd rate) - lr rate
        assertEquals(1f * (1 - 0.01f * 0.1f) - 0.01f, top.value()[0], 1e-6);
        assertEquals(1f * (1 - 0.005f * 0.1f) - 0.005f, low.value()[0], 1e-6);
    }

    @Test
    void anEncodersLayersLearnSlowerTheDeeperTheyLie() {
        TransformerNetwork net = new TransformerNetwork(10, 8, 2, 2, 16, 12, 3, 0f, 1, true, false);
        float[] rates = net.layerRates(0.5);
        List<Parameter> params = net.parameters();
        assertEquals(params.size(), rates.length);
        for (int i = 0; i < rates.length; i++) {
            String name = params.get(i).name();
            float expected = name.startsWith("layer1.") || name.startsWith("output.") ? 1f
                    : name.startsWith("layer0.") ? 0.5f : 0.25f;
            assertEquals(expected, rates[i], 1e-9, name);
        }
        assertEquals(null, new SparseLinear(4, 2).layerRates(0.5));
    }

    @Test
    void lazyAdamUpdatesOnlyTouchedRows() {
        Parameter table = new Parameter("e", 4, 2, true);
        Gradients g = new Gradients(List.of(table));
        g.touch(0, 2);
        g.values(0)[4] = 1f;
        g.values(0)[0] = 1f; // untouched row: must be ignored
        Adam adam = new Adam(List.of(table), 0.1f);
        adam.advance(1f);
        adam.update(g, 0, 2);
        adam.update(g, 1, 2);
        assertEquals(0f, table.value()[0]);
        assertEquals(-0.1f, table.value()[4], 1e-6);
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        Parameter p = new Parameter("w", 1, 2, false);
        Gradients g = new Gradients(List.of(p));
        g.values(0)[0] = 2f;
        g.values(0)[1] = -1f;
        Sgd sgd = new Sgd(0.5f);
        sgd.advance(1f);
        sgd.update(g, 0, 1);
        assertEquals(-1f, p.value()[0]);
        assertEquals(0.5f, p.value()[1]);
    }

    @Test
    void gradientsAddAndClearSparseRows() {
        Parameter table = new Parameter("e", 3, 1, true);
        Gradients a = new Gradients(List.of(table));
        Gradients b = new Gradients(List.of(table));
        a.touch(0, 0);
        a.values(0)[0] = 1f;
        b.touch(0, 2);
        b.values(0)[2] = 3f;
        a.add(b);
        assertEquals(2, a.touchedCount(0));
        assertEquals(3f, a.values(0)[2]);
        a.clear();
        assertEquals(0, a.touchedCount(0));
        assertEquals(0f, a.values(0)[2]);
    }

    @Test
    void adadeltaFirstStepIsSqrtEpsilonOverRmsOfTheGradient() {
        // step 1: E[g^2] = 0.05 g^2, update = -sqrt(1e-6 / (0.05 g^2 + 1e-6)) g (Zeiler 2012, Algorithm 1)
        Parameter p = new Parameter("w", 1, 1, false);
        Gradients g = new Gradients(List.of(p));
        g.values(0)[0] = 2f;
        Adadelta adadelta = new Adadelta(List.of(p), 1f);
        adadelta.advance(1f);
        adadelta.update(g, 0, 1);
        assertEquals(-Math.sqrt(1e-6 / (0.05 * 4 + 1e-6)) * 2, p.value()[0], 1e-8);
    }

    @Test
    void gradientNormCountsDenseValuesAndTouchedSparseRowsAndScales() {
        Parameter w = new Parameter("w", 1, 2, false);
        Parameter table = new Parameter("e", 3, 1, true);
        Gradients g = new Gradients(List.of(w, table));
        g.values(0)[0] = 3f;
        g.touch(1, 1);
        g.values(1)[1] = 4f;
        g.values(1)[2] = 100f; // untouched row: not part of the step
        assertEquals(5.0, g.norm(), 1e-9);
        g.scale(0.5f);
        assertEquals(1.5f, g.values(0)[0]);
        assertEquals(2f, g.values(1)[1]);
        assertEquals(100f, g.values(1)[2]);
    }
}
