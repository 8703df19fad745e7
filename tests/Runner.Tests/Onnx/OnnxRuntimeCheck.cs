using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Runner.Onnx;
using Runner.Prediction;
using static TorchSharp.torch;

namespace Runner.Tests.Onnx;

/// <summary>Runs an exported model in the real ONNX Runtime and compares it with the TorchSharp model on the same inputs.</summary>
internal static class OnnxRuntimeCheck
{
    public sealed record Comparison(double MaxAbsDifference, int Samples, int SameClass, float[] OnnxOutput);

    public static byte[] Export(TrainedModel model, OnnxMappings? mappings = null) =>
        OnnxExporter.Build(model, mappings ?? OnnxMappings.BuiltIn).ToByteArray();

    /// <summary>ONNX Runtime's output on <paramref name="x"/> ([N, elements], as training scaled it) against the module's.</summary>
    public static Comparison Compare(TrainedModel model, TorchSharp.torch.Tensor x)
    {
        long n = x.shape[0];
        using var session = new InferenceSession(Export(model));
        var dims = new[] { (int)n }.Concat(model.Experiment.Model.Input.Dims).ToArray();
        var input = new DenseTensor<float>(x.contiguous().data<float>().ToArray(), dims);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, input)]);
        var onnx = results.Single().AsTensor<float>().ToArray();

        using var _ = no_grad();
        using var torchOut = model.Module.forward(x);
        var torch = torchOut.contiguous().data<float>().ToArray();
        Assert.Equal(torch.Length, onnx.Length);
        double max = 0;
        for (int i = 0; i < torch.Length; i++) max = Math.Max(max, Math.Abs(torch[i] - onnx[i]));
        int classes = torch.Length / (int)n, same = 0;
        for (int s = 0; s < n; s++)
            if (ArgMax(torch.AsSpan(s * classes, classes)) == ArgMax(onnx.AsSpan(s * classes, classes))) same++;
        return new Comparison(max, (int)n, same, onnx);
    }

    static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
