using Runner.Models.Shapes;
using Runner.Models.Specs;
using Runner.Training;

namespace Runner.Tests.Training;

public class EvaluationBatchTests
{
    static ModelPlan Plan(Shape input, params Shape[] outputs) =>
        new(input, outputs.Select((o, i) => new LayerRow($"layer_{i}", "Dense", o, 0)).ToList());

    [Fact]
    public void A_cnn_evaluates_in_batches_whose_largest_activation_fits_4_MB()
    {
        // The reference CNN (docs/architecture.md): conv1's output, 28x28x32 floats per sample, is the largest.
        var cnn = Plan(new Shape(28, 28, 1), new Shape(28, 28, 32), new Shape(14, 14, 32), new Shape(14, 14, 64), new Shape(1000), new Shape(10));
        Assert.Equal((1 << 20) / (28 * 28 * 32), Evaluator.BatchSizeFor(cnn));
    }

    [Fact]
    public void Small_models_take_up_to_1000_and_huge_ones_at_least_32()
    {
        Assert.Equal(1000, Evaluator.BatchSizeFor(Plan(new Shape(28, 28), new Shape(784), new Shape(100), new Shape(10))));
        Assert.Equal(32, Evaluator.BatchSizeFor(Plan(new Shape(256, 256, 3), new Shape(256, 256, 64))));
    }
}
