using Runner.Config;
using Runner.Data;
using Runner.Models.Building;
using Runner.Models.Losses;
using Runner.Models.Registries;
using Runner.Models.Shapes;
using Runner.Training;
using static TorchSharp.torch;

namespace Runner.Prediction;

/// <summary>
/// A trained run, ready to predict: the model rebuilt from the run's resolved config.yaml (loaded as
/// `runner run` loads it), its weights from model.bin, and what it needs to prepare inputs as training
/// did (<see cref="Layout"/>) and to name its classes. This is what `runner predict` uses.
/// <code>
/// using var model = TrainedModel.Load("results/fashion_relu_adam");      // an experiment: its best run
/// var shoe = model.PredictImage("shoe.jpg");                             // grey, resized, inverted if light
/// Console.WriteLine($"{shoe.Best.Name} {shoe.Best.Probability:P1}");     // "Sneaker 97.3%"
/// using var p = model.Probabilities(images);                             // [N, 10] from [N, 28, 28] of 0..1
/// </code>
/// Not thread-safe: use one instance per thread.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    readonly nn.Module<Tensor, Tensor> _module;
    readonly bool _applySoftmax;
    readonly int _batchSize;

    TrainedModel(TrainedRun run)
    {
        Run = run;
        var experiment = run.Experiment;
        var registries = RunnerRegistries.Models;
        var output = run.Run.ModelPlan.Output;
        if (output.Rank != 1)
            throw new UsageException($"run {run.Name}: the model's output is {output}, not one score per class; it cannot classify");
        var loss = BoundLoss.Bind(experiment.Train.Loss, experiment.Model, registries);
        using var generators = new RunGenerators(experiment.Train.Seed);
        // Built with its final softmax (training fuses it into the loss): the output is probabilities.
        _module = ModelBuilder.Build(experiment.Model, new BuildContext(generators.Init, generators.Dropout, registries), fuseFinalSoftmax: false);
        try { _module.load(run.ModelFile); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // TorchSharp reports a cut-short or foreign file with whatever its reader hit; say which file and what to do.
            _module.Dispose();
            throw new UsageException($"{run.ModelFile}: not weights this run's model can load (the file is damaged, cut short or from " +
                                     $"another model: {e.GetType().Name}); train the run again, or give another run");
        }
        _module.eval();
        _applySoftmax = loss.OutputIsLogits && !loss.FuseFinalSoftmax;
        OutputsProbabilities = _applySoftmax || ModelBuilder.EndsInSoftmax(experiment.Model);
        _batchSize = Evaluator.BatchSizeFor(run.Run.ModelPlan);

        var type = RunnerRegistries.Datasets.TryGet(experiment.Data.Dataset.Name, out var t) ? t : null;
        var info = type?.Describe(experiment.Data.Dataset.Arguments);
        Layout = SampleLayout.Of(experiment.Model.Input, experiment.Data.Dataset, info);
        int classes = output[0];
        ClassNames = type?.ClassNames(experiment.Data.Dataset.Arguments) is { } names && names.Count == classes ? names : RawDataset.NumberedClasses(classes);
    }

    /// <summary>The run folder (for a results folder: its best run) and its model.bin.</summary>
    public static TrainedModel Load(string runOrResultsFolder) => new(TrainedRun.Locate(runOrResultsFolder));

    public TrainedRun Run { get; }
    public Experiment Experiment => Run.Experiment;
    public ModelPlan Plan => Run.Run.ModelPlan;

    /// <summary>What one input sample must be: its image size and the divisor of its pixel values.</summary>
    public SampleLayout Layout { get; }

    /// <summary>One name per output class: the dataset's (Fashion-MNIST: T-shirt/top ... Ankle boot), else "0", "1", ...</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>False when the model ends in neither a softmax nor logits (e.g. trained with mse): its outputs are scores.</summary>
    public bool OutputsProbabilities { get; }

    /// <summary>The underlying TorchSharp module (eval mode), to embed or inspect.</summary>
    public nn.Module<Tensor, Tensor> Module => _module;

    /// <summary>
    /// Class probabilities [N, classes] for a batch whose rows hold one sample each in the layout
    /// training used (<see cref="Layout"/>: [N, 28, 28] or [N, 784] of pixels / 255 for MNIST). The
    /// caller owns the result.
    /// </summary>
    public Tensor Probabilities(Tensor batch)
    {
        using var _ = no_grad();
        long n = batch.shape[0];
        if (n == 0 || batch.numel() != n * Layout.Elements)
            throw new UsageException($"a batch of {n} samples must hold {n} x {Layout.Elements} values ({Layout.Describe()} each), not {batch.numel()}");
        var outputs = new List<Tensor>();
        for (long start = 0; start < n; start += _batchSize)
        {
            using var scope = NewDisposeScope();
            var output = _module.forward(batch.narrow(0, start, Math.Min(_batchSize, n - start)).to_type(ScalarType.Float32));
            outputs.Add((_applySoftmax ? nn.functional.softmax(output, 1) : output).MoveToOuterDisposeScope());
        }
        var all = cat(outputs, 0);
        foreach (var o in outputs) o.Dispose();
        return all;
    }

    /// <summary>The <paramref name="top"/> best classes of every sample of a batch (see <see cref="Probabilities"/>).</summary>
    public IReadOnlyList<InputPrediction> Predict(Tensor batch, int top = 1, IReadOnlyList<string>? names = null)
    {
        using var probabilities = Probabilities(batch);
        int k = Math.Clamp(top, 1, ClassNames.Count);
        var (values, indices) = probabilities.topk(k, dim: 1);
        using (values) using (indices)
        {
            var p = values.data<float>().ToArray();
            var c = indices.data<long>().ToArray();
            return Enumerable.Range(0, (int)probabilities.shape[0]).Select(i => new InputPrediction(
                names?[i] ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Enumerable.Range(0, k).Select(j => new ClassScore((int)c[i * k + j], ClassNames[(int)c[i * k + j]], p[i * k + j])).ToArray()))
                .ToArray();
        }
    }

    /// <summary>An input batch from files (images, idx, csv), prepared as training prepared its data.</summary>
    public InputBatch ReadInputs(IReadOnlyList<string> files, InvertMode invert = InvertMode.Auto) =>
        InputBatch.Read(files, Layout, CsvLayout.Of(Experiment.Data.Dataset), invert);

    /// <summary>Predictions for files: PNG or JPEG images, idx image files, csv files (see <see cref="InputBatch.Read"/>).</summary>
    public IReadOnlyList<InputPrediction> PredictFiles(IReadOnlyList<string> files, InvertMode invert = InvertMode.Auto, int top = 1)
    {
        using var inputs = ReadInputs(files, invert);
        return Predict(inputs, top);
    }

    public IReadOnlyList<InputPrediction> Predict(InputBatch inputs, int top = 1) =>
        Predict(inputs.X, top, inputs.Names).Select((p, i) => p with { Label = inputs.Labels[i], Inverted = inputs.Inverted[i] }).ToArray();

    /// <summary>
    /// The run's own test set, as training evaluated it (the same dataset, test_limit and scaling),
    /// with its labels; rows are named test[i] as in test_predictions.csv.
    /// </summary>
    public InputBatch TestSet(Action<string> log)
    {
        var data = Experiment.Data;
        var raw = RunnerRegistries.LoadedDatasets.Get(data.Dataset, new DataContext(Run.DataDirectory, log));
        using var prepared = DataPreparation.Prepare(raw, data);
        long n = prepared.TestX.shape[0];
        var labels = prepared.TestY.data<long>().ToArray();
        return new InputBatch(prepared.TestX.reshape(n, -1).clone(),
            Enumerable.Range(0, (int)n).Select(i => $"test[{i}]").ToArray(),
            labels.Select(l => (long?)l).ToArray(), new bool[n]);
    }

    /// <summary>One image file (PNG or JPEG): converted to grey, resized to the input, inverted per <paramref name="invert"/>.</summary>
    public InputPrediction PredictImage(string path, InvertMode invert = InvertMode.Auto, int top = 1) => PredictFiles([path], invert, top)[0];

    public void Dispose() => _module.Dispose();
}
