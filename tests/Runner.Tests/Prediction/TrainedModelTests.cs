using Runner.Results;
using Runner.Prediction;
using Runner.Recording;
using static TorchSharp.torch;

namespace Runner.Tests.Prediction;

/// <summary>The library class: load a run and predict on a tensor or an image, in-process.</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class TrainedModelTests(PredictFixture runs) : IClassFixture<PredictFixture>
{
    [Fact]
    public void Loads_the_best_run_and_predicts_on_a_tensor_and_on_an_image()
    {
        using var model = TrainedModel.Load(runs.Fashion);
        Assert.Equal(PredictFixture.RunFolder(runs.Fashion), model.Run.Folder);
        Assert.Equal("Ankle boot", model.ClassNames[9]);
        Assert.Equal((28, 28, 1, 255.0), (model.Layout.Height, model.Layout.Width, model.Layout.Channels, model.Layout.PixelScale));

        var images = RealDatasets.FashionMnist.TestImages.narrow(0, 0, 100);
        using var probabilities = model.Probabilities(images);
        Assert.Equal(new long[] { 100, 10 }, probabilities.shape);
        Assert.True(probabilities.sum(1).sub(1).abs().max().item<float>() < 1e-5);
        var recorded = PredictFixture.Recorded(runs.Fashion);
        Assert.Equal(recorded, model.Predict(images).Select(p => p.Best.Class));

        var png = PredictFixture.WriteImage(runs.Files["boot.png"], PredictFixture.TestImages("fashion_mnist", 1)[0]);
        var shoe = model.PredictImage(png, top: 3);
        Assert.Equal(recorded[0], shoe.Best.Class);
        Assert.Equal(model.ClassNames[recorded[0]], shoe.Best.Name);
        Assert.Equal(3, shoe.Top.Count);
        Assert.Equal(probabilities[0, recorded[0]].item<float>(), shoe.Best.Probability, 6);
    }

    [Fact]
    public void A_batch_of_the_wrong_size_is_refused()
    {
        using var model = TrainedModel.Load(runs.Mnist);
        using var wrong = zeros(3, 27, 27);
        var e = Assert.Throws<UsageException>(() => model.Probabilities(wrong));
        Assert.Contains("must hold 3 x 784 values (28x28 each)", e.Message);
    }

    [Fact]
    public void Csv_cells_from_file_names_are_not_formulas()
    {
        var path = runs.Files["formula.csv"];
        PredictionCsv.Write(path, [new InputPrediction("=HYPERLINK(\"x\").png", [new ClassScore(1, "@one", 0.5)])], top: 1);
        var row = File.ReadAllLines(path)[1];
        Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\").png\"", row);
        Assert.Contains(",'@one,", row);
        Assert.Equal("'-x", FormulaSafeCsv.Neutralise("-x"));
        Assert.Equal("plain.png", FormulaSafeCsv.Neutralise("plain.png"));
    }
}
