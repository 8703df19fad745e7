using Runner.Onnx;
using Runner.Prediction;
using Xunit.Abstractions;

namespace Runner.Tests.Onnx;

/// <summary>
/// Every registered layer and activation, in the variants that take different paths (asymmetric
/// 'same' padding, strides, no bias, batch norm on rank 1, 2 and 3, softmax over image channels,
/// several input layouts), trained briefly on real MNIST and checked in ONNX Runtime against TorchSharp.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class OnnxLayerCoverageTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-5;

    const string Data = "data: {dataset: mnist, validation_split: 0, train_limit: 1000, test_limit: 200}";
    const string Train = "train: {optimizer: adam, epochs: 1, batch_size: 32, seed: 1, threads: 1}";
    const string TrainFromLogits = "train: {optimizer: adam, epochs: 1, batch_size: 32, seed: 1, threads: 1, loss: {name: sparse_categorical_crossentropy, from_logits: true}}";

    public static TheoryData<string, string> Models() => new()
    {
        { "activations", """
            model:
              input: [28, 28]
              layers:
                - flatten
                - dense: {units: 32, activation: ${activation}}
                - dense: {units: 10, activation: softmax}
            sweep:
              activation: [linear, relu, sigmoid, tanh, softmax, leaky_relu, {name: leaky_relu, negative_slope: 0.05}, elu,
                           {name: elu, alpha: 0.5}, selu, gelu, silu, softplus]
            """ },
        { "image_layers", """
            model:
              input: [28, 28, 1]
              layers:
                - conv2d: {filters: 4, kernel_size: 4, padding: same, activation: relu}
                - batchnorm: {epsilon: 0.01}
                - maxpool2d: {pool_size: 3, strides: 2, padding: same}
                - conv2d: {filters: 6, kernel_size: [3, 2], strides: [2, 1], use_bias: false, activation: tanh}
                - avgpool2d: {pool_size: 2, strides: 1, padding: same}
                - activation: {activation: softmax}
                - avgpool2d: {pool_size: 2}
                - dropout: {rate: 0.3}
                - flatten
                - batchnorm
                - dense: {units: 10, use_bias: false, activation: softmax}
            """ },
        { "same_pooling_even", """
            model:
              input: [28, 28, 1]
              layers:
                - conv2d: {filters: 3, kernel_size: 3, strides: 2, padding: same, activation: elu}
                - maxpool2d: {pool_size: 2, strides: 3, padding: same}
                - flatten
                - dense: {units: 10, activation: softmax}
            """ },
        { "rank2_batchnorm", """
            model:
              input: [28, 28]
              layers:
                - batchnorm
                - flatten
                - dense: {units: 10, activation: softmax}
            """ },
        { "flat_input_logits", """
            model:
              input: [784]
              layers:
                - dense: {units: 16, activation: gelu}
                - dropout: {rate: 0.5}
                - dense: {units: 10}
            loss_from_logits: true
            """ },
        { "two_channel_input", """
            model:
              input: [14, 28, 2]
              layers:
                - conv2d: {filters: 3, kernel_size: 2, activation: selu}
                - flatten
                - dense: {units: 10, activation: softmax}
            """ },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_layer_variant_runs_in_onnx_runtime_as_in_torchsharp(string name, string model)
    {
        using var harness = new SweepHarness();
        var train = model.Contains("loss_from_logits: true") ? TrainFromLogits : Train;
        var experiment = harness.Load($"name: {name}\n{Data}\n{train}\n{model.Replace("loss_from_logits: true", "")}", name);
        var result = harness.Run(experiment);
        Assert.True(!result.Failures.Any(), harness.Log.ToString());
        foreach (var run in experiment.Runs)
        {
            using var trained = TrainedModel.Load(harness.Folder(experiment).Run(run).Path);
            using var test = trained.TestSet(_ => { });
            var comparison = OnnxRuntimeCheck.Compare(trained, test.X);
            output.WriteLine($"{name} {run.Id}: max |onnx - torch| = {comparison.MaxAbsDifference:E2}; same class {comparison.SameClass}/{comparison.Samples}");
            Assert.True(comparison.MaxAbsDifference <= Tolerance, $"{name} {run.Id}: {comparison.MaxAbsDifference}");
            Assert.Equal(comparison.Samples, comparison.SameClass);
        }
    }

    [Fact]
    public void A_layer_without_an_onnx_form_is_refused_with_its_name_and_line()
    {
        using var harness = new SweepHarness();
        var experiment = harness.Load($"""
            name: refused
            {Data}
            {Train}
            model:
              input: [28, 28, 1]
              layers:
                - conv2d: {"{filters: 2, kernel_size: 3}"}
                - batchnorm
                - flatten
                - dense: {"{units: 10, activation: softmax}"}
            """, "refused");
        Assert.True(!harness.Run(experiment).Failures.Any(), harness.Log.ToString());
        using var trained = TrainedModel.Load(Path.Combine(harness.Results, "refused"));
        var mappings = OnnxMappings.Create();
        mappings.Remove("batchnorm");
        var e = Assert.Throws<UsageException>(() => OnnxRuntimeCheck.Export(trained, mappings));
        Assert.Contains("config.yaml:13: layer 'batchnorm' has no ONNX form", e.Message);
    }
}
